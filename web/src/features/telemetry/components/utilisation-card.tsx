import { Card, Flex, Statistic, Tooltip, Typography } from 'antd';
import { MACHINE_STATES } from '@tiantai/shared';
import { QueryError } from '@/components/query-error';
import { useI18n } from '@/lib/i18n';
import { useUtilisationToday } from '../api/get-utilisation';
import { STATE_COLOURS } from './telemetry-tags';
import { formatDuration } from './telemetry-format';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Today so far: utilisation (running ÷ time) and 开机率 (running + idle ÷ time), and where the hours went. */
export function UtilisationCard({ deviceId }: { deviceId: string }) {
  const { t } = useI18n();
  const today = useUtilisationToday(deviceId);
  const data = today.data;
  const total = data ? MACHINE_STATES.reduce((sum, s) => sum + data.seconds[s], 0) : 0;
  return (
    <Card size="small" title={t('utilisation.today')} loading={today.isPending}>
      {today.isError ? (
        <QueryError error={today.error} onRetry={() => void today.refetch()} />
      ) : (
        data && (
          <Flex vertical gap={12}>
            <Flex gap={24}>
              <Statistic title={t('utilisation.utilisation')} value={percent(data.utilisation)} data-testid="utilisation" />
              <Statistic title={t('utilisation.poweredOn')} value={percent(data.poweredOnRate)} data-testid="powered-on-rate" />
            </Flex>
            <div style={{ display: 'flex', height: 12, borderRadius: 6, overflow: 'hidden', background: '#f0f0f0' }}>
              {total > 0 &&
                MACHINE_STATES.map((s) =>
                  data.seconds[s] > 0 ? (
                    <Tooltip key={s} title={`${t(`machineState.${s}`)} ${formatDuration(data.seconds[s] * 1000, t)}`}>
                      <div style={{ width: `${(data.seconds[s] / total) * 100}%`, background: STATE_COLOURS[s] }} />
                    </Tooltip>
                  ) : null,
                )}
            </div>
            <Flex gap={12} wrap>
              {MACHINE_STATES.map((s) => (
                <Flex key={s} gap={6} align="center">
                  <span style={{ width: 10, height: 10, borderRadius: 2, background: STATE_COLOURS[s], display: 'inline-block' }} />
                  <Typography.Text style={{ fontSize: 12 }}>
                    {t(`machineState.${s}`)} {formatDuration(data.seconds[s] * 1000, t)}
                  </Typography.Text>
                </Flex>
              ))}
            </Flex>
          </Flex>
        )
      )}
    </Card>
  );
}
