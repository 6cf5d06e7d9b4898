import { Divider, Flex, Tag, Typography } from 'antd';
import type { RequestDetailView } from '@tiantai/shared';
import { formatDateTime } from '@/lib/format';
import { useI18n } from '@/lib/i18n';

/**
 * The co-handling departments' opinions (协办意见) for the lead department: one row per co-handling department,
 * its opinion or that it has given none yet. For the county and the departments; the server sends the enterprise none.
 */
export function RequestOpinions({
  request,
  departmentName,
}: {
  request: Pick<RequestDetailView, 'coDepartmentIds' | 'opinions'>;
  /** A department's name by id, for departments that have not given an opinion yet. */
  departmentName: (id: string) => string;
}) {
  const { t } = useI18n();
  const rows = request.coDepartmentIds.map((id) => ({ id, opinion: request.opinions.find((o) => o.departmentId === id) }));
  // An opinion from a department no longer co-handling stays on record.
  for (const opinion of request.opinions)
    if (!request.coDepartmentIds.includes(opinion.departmentId)) rows.push({ id: opinion.departmentId, opinion });
  return (
    <Flex vertical gap={8} data-testid="request-opinions">
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('request.opinionsPrivate')}
      </Typography.Text>
      {rows.length === 0 && <Typography.Text type="secondary">{t('request.noOpinions')}</Typography.Text>}
      {rows.map(({ id, opinion }, index) => (
        <Flex key={id} vertical gap={4} data-testid="request-opinion" data-department={id}>
          {index > 0 && <Divider style={{ margin: '4px 0 8px' }} />}
          <Flex justify="space-between" gap={8} wrap>
            <Typography.Text strong>{opinion?.departmentName ?? departmentName(id)}</Typography.Text>
            {opinion ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[opinion.authorName, t('request.opinionUpdated', { time: formatDateTime(opinion.updatedAt) })].filter(Boolean).join(' · ')}
              </Typography.Text>
            ) : (
              <Tag style={{ marginInlineEnd: 0 }}>{t('request.opinionMissing')}</Tag>
            )}
          </Flex>
          {opinion && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="request-opinion-text">
              {opinion.opinion}
            </Typography.Paragraph>
          )}
        </Flex>
      ))}
    </Flex>
  );
}
