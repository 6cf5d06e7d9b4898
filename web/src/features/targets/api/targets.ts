import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DrillView, TargetTreeView, TaskDetailView, TaskStatus, TaskView } from '@tiantai/shared';
import { api } from '@/lib/api-client';

export const targetsQueryKey = ['targets'] as const;

export function useTargetTree(year: number) {
  return useQuery({
    queryKey: [...targetsQueryKey, 'tree', year],
    queryFn: ({ signal }) => api.get<TargetTreeView>('/api/targets', { year }, signal),
  });
}

export interface TaskFilter {
  year: number;
  departmentId?: string;
  mine?: boolean;
  status?: TaskStatus;
}

export function useTasks(filter: TaskFilter) {
  return useQuery({
    queryKey: [...targetsQueryKey, 'tasks', filter],
    queryFn: ({ signal }) => api.get<TaskView[]>('/api/targets/tasks', { ...filter }, signal),
  });
}

export function useTask(id: string | null) {
  return useQuery({
    queryKey: [...targetsQueryKey, 'task', id],
    queryFn: ({ signal }) => api.get<TaskDetailView>(`/api/targets/tasks/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: id !== null,
  });
}

export function useDrill(indicatorId: string | null, year: number) {
  return useQuery({
    queryKey: [...targetsQueryKey, 'drill', indicatorId, year],
    queryFn: ({ signal }) => api.get<DrillView>(`/api/targets/indicators/${encodeURIComponent(indicatorId!)}/drill`, { year }, signal),
    enabled: indicatorId !== null,
  });
}

export function useReportTask(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { progress: number; note: string }) =>
      api.post<TaskDetailView>(`/api/targets/tasks/${encodeURIComponent(id)}/reports`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: targetsQueryKey }),
  });
}

export function useCreateTask() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { indicatorId: string; year: number; title: string; departmentId: string; startDate: string; deadline: string }) =>
      api.post<TaskDetailView>('/api/targets/tasks', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: targetsQueryKey }),
  });
}

export function useSetIndicatorYear(indicatorId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      year,
      ...body
    }: {
      year: number;
      targetValue: number | null;
      actualValue: number | null;
      actualThrough: string | null;
    }) => api.put(`/api/targets/indicators/${encodeURIComponent(indicatorId)}/years/${year}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: targetsQueryKey }),
  });
}
