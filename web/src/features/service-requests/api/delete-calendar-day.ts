import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { calendarQueryKey } from './get-calendar-overrides';

export function deleteCalendarDay(date: string): Promise<void> {
  return api.delete(`/api/calendar/${encodeURIComponent(date)}`);
}

export function useDeleteCalendarDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCalendarDay,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: calendarQueryKey }),
  });
}
