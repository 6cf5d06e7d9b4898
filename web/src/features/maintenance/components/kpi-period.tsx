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

const CHINA_OFFSET_MS = 8 * 3_600_000;
const chinaDate = (ms: number) => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);

/**
 * The period as the server counts it — whole days in China time, the end exclusive — written as its first
 * and last day, whatever the browser's time zone.
 */
export const periodText = (from: string, exclusiveEnd: string) =>
  `${chinaDate(Date.parse(from))} — ${chinaDate(Date.parse(exclusiveEnd) - 1)}`;
