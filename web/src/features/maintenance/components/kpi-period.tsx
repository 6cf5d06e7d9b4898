import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { formatDate } from '@/lib/format';

export interface KpiPeriod {
  from?: string;
  to?: string;
}

/** From and to as dates (YYYY-MM-DD); left empty, the server takes its default period. */
export function KpiPeriodPicker({ value, onChange }: { value: KpiPeriod; onChange: (period: KpiPeriod) => void }) {
  return (
    <DatePicker.RangePicker
      allowEmpty={[true, true]}
      value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
      onChange={(range) => onChange({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
      inputReadOnly
      data-testid="kpi-period"
    />
  );
}

/**
 * The period as the server counts it — whole days on the county's clock, the end exclusive — written as its
 * first and last day, whatever the browser's time zone.
 */
export const periodText = (from: string, exclusiveEnd: string) =>
  `${formatDate(from)} — ${formatDate(new Date(Date.parse(exclusiveEnd) - 1).toISOString())}`;
