import { useQuery } from '@tanstack/react-query';
import type { CalendarDayView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export type CalendarOverride = CalendarDayView;
export type CalendarDayKind = CalendarDayView['kind'];

export const calendarQueryKey = ['calendar'] as const;

export function getCalendarOverrides(): Promise<CalendarOverride[]> {
  return api.get<CalendarOverride[]>('/api/calendar');
}

export function useCalendarOverrides() {
  return useQuery({ queryKey: calendarQueryKey, queryFn: getCalendarOverrides });
}
