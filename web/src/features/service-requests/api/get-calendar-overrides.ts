import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';

export type CalendarDayKind = 'holiday' | 'workday';

/** One admin override of the shipped holiday calendar (shape from the server route; not in shared/ yet). */
export interface CalendarOverride {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

export const calendarQueryKey = ['calendar'] as const;

export function getCalendarOverrides(): Promise<CalendarOverride[]> {
  return api.get<CalendarOverride[]>('/api/calendar');
}

export function useCalendarOverrides() {
  return useQuery({ queryKey: calendarQueryKey, queryFn: getCalendarOverrides });
}
