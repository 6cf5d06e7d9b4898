import { Flex, Progress, Typography } from 'antd';
import type { InspectionRoundView } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';

/** Points checked of the route's points, items recorded, and how many failed. */
export function RoundProgress({ round }: { round: InspectionRoundView }) {
  const { t } = useI18n();
  const percent = round.pointsTotal === 0 ? 0 : Math.round((round.pointsChecked / round.pointsTotal) * 100);
  const failed = round.failures.length;
  return (
    <Flex vertical gap={2} data-testid="round-progress" data-checked={round.pointsChecked} data-total={round.pointsTotal}>
      <Progress
        percent={percent}
        size="small"
        status={failed > 0 ? 'exception' : round.finishedAt ? 'success' : 'active'}
        aria-label={t('inspection.pointsChecked', { checked: round.pointsChecked, total: round.pointsTotal })}
      />
      <Flex gap={12} wrap style={{ fontSize: 13 }}>
        <Typography.Text>{t('inspection.pointsChecked', { checked: round.pointsChecked, total: round.pointsTotal })}</Typography.Text>
        <Typography.Text type="secondary">{t('inspection.itemsDone', { done: round.itemsDone, total: round.itemsTotal })}</Typography.Text>
        <Typography.Text type={failed > 0 ? 'danger' : 'secondary'} data-testid="round-failures" data-count={failed}>
          {t('inspection.failureCount', { count: failed })}
        </Typography.Text>
      </Flex>
    </Flex>
  );
}
