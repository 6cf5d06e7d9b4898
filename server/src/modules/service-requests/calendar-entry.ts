// One entry of the SLA working-day calendar: apart from sla-calendar.ts so that the generated holiday data
// (holiday-data.ts) can name its type without importing the calendar that imports it.

/** One date that may differ from the Monday–Friday rule. */
export interface CalendarEntry {
  /** The calendar date in Asia/Shanghai, 'YYYY-MM-DD'. */
  readonly date: string;
  /** 'holiday': no work that day even on a weekday; 'workday': a working day even on a weekend. */
  readonly kind: 'holiday' | 'workday';
  /** What users see, in Chinese: 国庆节, 春节, 劳动节… */
  readonly name: string;
  /** A guess until the State Council publishes the year's schedule (2027 in the shipped data). */
  readonly provisional?: boolean;
}
