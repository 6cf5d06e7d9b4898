import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Skeleton, Switch, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { RATINGS } from '@tiantai/shared';
import type { Rating } from '@tiantai/shared';
import { useCan } from '@/lib/authorization';
import { describeError } from '@/lib/error-message';
import { useI18n } from '@/lib/i18n';
import { useGreenFormula } from '../api/get-green-formula';
import type { GreenFormula } from '../api/get-green-formula';
import { useUpdateGreenFormula } from '../api/update-green-formula';

/** Which closed requests count as 绿码办结: shown to every reader of the statistics, changed by the office. */
export function GreenFormulaCard() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const canEdit = useCan('requests.office');
  const formula = useGreenFormula();
  const update = useUpdateGreenFormula();
  const [draft, setDraft] = useState<GreenFormula | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const save = async () => {
    if (!draft) return;
    setFailure(null);
    try {
      await update.mutateAsync(draft);
      void message.success(t('stats.formulaSaved'));
      setDraft(null);
    } catch (error) {
      setFailure(describeError(error, t));
    }
  };

  const describe = (f: GreenFormula) =>
    t('stats.greenFormulaText', {
      ratings: RATINGS.filter((r) => f.ratings.includes(r))
        .map((r) => t(`rating.${r}`))
        .join(' / '),
      onTime: f.requireOnTime ? t('stats.greenOnTime') : '',
    });

  return (
    <Card
      size="small"
      title={t('stats.greenFormula')}
      data-testid="green-formula"
      extra={
        canEdit &&
        formula.data &&
        !draft && (
          <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setDraft(formula.data)} data-testid="green-formula-edit">
            {t('action.edit')}
          </Button>
        )
      }
    >
      {formula.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : formula.isError ? (
        <Alert type="error" showIcon title={describeError(formula.error, t)} />
      ) : draft ? (
        <Flex vertical gap={12}>
          <Flex gap={12} align="center" wrap>
            <Typography.Text type="secondary">{t('stats.greenRatings')}</Typography.Text>
            <Checkbox.Group<Rating>
              value={draft.ratings}
              onChange={(ratings) => setDraft({ ...draft, ratings })}
              options={RATINGS.map((r) => ({ value: r, label: t(`rating.${r}`) }))}
            />
          </Flex>
          <Flex gap={12} align="center">
            <Typography.Text type="secondary">{t('stats.requireOnTime')}</Typography.Text>
            <Switch checked={draft.requireOnTime} onChange={(requireOnTime) => setDraft({ ...draft, requireOnTime })} />
          </Flex>
          {draft.ratings.length === 0 && <Alert type="warning" showIcon title={t('stats.ratingsRequired')} />}
          {failure && <Alert type="error" showIcon title={failure} />}
          <Flex gap={8}>
            <Button
              type="primary"
              loading={update.isPending}
              disabled={draft.ratings.length === 0}
              onClick={() => void save()}
              data-testid="green-formula-save"
            >
              {t('action.save')}
            </Button>
            <Button onClick={() => setDraft(null)}>{t('action.cancel')}</Button>
          </Flex>
        </Flex>
      ) : (
        <Typography.Text data-testid="green-formula-text">{describe(formula.data)}</Typography.Text>
      )}
    </Card>
  );
}
