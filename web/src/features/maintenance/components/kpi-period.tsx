import { DatePicker } from 'antd';
import dayjs from 'dayjs';

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

/** The period's end is exclusive (the next midnight); people read the last day in it. */
export const lastDayOf = (exclusiveEnd: string) => new Date(Date.parse(exclusiveEnd) - 1).toISOString();
