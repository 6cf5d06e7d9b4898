import { Card, Col, Row, Statistic } from 'antd';
import type { KpiRowView } from '@tiantai/shared';
import { formatNumber } from '@/lib/format';
import { useI18n } from '@/lib/i18n';
import type { MessageKey } from '@/lib/i18n';

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);

/** The six figures a maintenance manager looks at first, for a period's total. */
export function KpiTiles({ total }: { total: KpiRowView }) {
  const { t, locale } = useI18n();
  const hours = (value: number | null) => (value === null ? '—' : t('kpis.hours', { value: formatNumber(value, locale, 1) }));
  const tiles: Array<{ key: string; label: MessageKey; value: string; danger?: boolean; hint?: string }> = [
    { key: 'failures', label: 'kpis.failures', value: String(total.failures) },
    { key: 'mtbf', label: 'kpis.mtbf', value: hours(total.mtbfHours) },
    { key: 'mttr', label: 'kpis.mttr', value: hours(total.mttrHours) },
    { key: 'availability', label: 'kpis.availability', value: percent(total.availability) },
    {
      key: 'pm',
      label: 'kpis.pmCompliance',
      value: percent(total.pmCompliance),
      hint: t('kpis.pmOnTime', { onTime: total.pmOnTime, due: total.pmDue }),
    },
    { key: 'overdue', label: 'kpis.overdue', value: String(total.overdue), danger: total.overdue > 0 },
    { key: 'molds', label: 'kpis.moldsNearEnd', value: String(total.moldsNearEnd), danger: total.moldsNearEnd > 0 },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {tiles.map((tile) => (
        <Col key={tile.key} xs={12} md={8} xl={6} xxl={3}>
          <Card size="small" style={{ height: '100%' }} data-testid={`kpi-${tile.key}`}>
            <Statistic
              title={t(tile.label)}
              value={tile.value}
              styles={{ content: { fontSize: 22, color: tile.danger ? '#cf1322' : undefined } }}
            />
            {tile.hint && <div style={{ fontSize: 12, color: '#5c6570', marginTop: 4 }}>{tile.hint}</div>}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
