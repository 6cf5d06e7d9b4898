import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { calendarQueryKey } from './get-calendar-overrides';
import type { CalendarOverride } from './get-calendar-overrides';

export function setCalendarDay({ date, kind, name }: CalendarOverride): Promise<void> {
  return api.put(`/api/calendar/${encodeURIComponent(date)}`, { kind, name });
}

export function useSetCalendarDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setCalendarDay,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarQueryKey }),
  });
}
