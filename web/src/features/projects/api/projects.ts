import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Paged,
  ProjectDetailView,
  ProjectIndustry,
  ProjectStage,
  ProjectStatisticsView,
  ProjectView,
  ProjectWatchlistsView,
  SignalColour,
} from '@tiantai/shared';
import { api } from '@/lib/api-client';

export const projectsQueryKey = ['projects'] as const;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const projectExportUrl = (year: number) => `/api/projects/export.xlsx?year=${year}`;

export interface ProjectFilter {
  q?: string;
  stage?: ProjectStage;
  parkId?: string;
  industry?: ProjectIndustry;
  band?: 'ge10m' | 'ge100m' | 'ge1bn';
  signal?: SignalColour;
  year?: number;
  page: number;
  pageSize: number;
}

export function useProjects(filter: ProjectFilter) {
  return useQuery({
    queryKey: [...projectsQueryKey, 'list', filter],
    queryFn: ({ signal }) => api.get<Paged<ProjectView>>('/api/projects', { ...filter, q: filter.q?.trim() }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: [...projectsQueryKey, 'detail', id],
    queryFn: ({ signal }) => api.get<ProjectDetailView>(`/api/projects/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useProjectStatistics(year: number) {
  return useQuery({
    queryKey: [...projectsQueryKey, 'statistics', year],
    queryFn: ({ signal }) => api.get<ProjectStatisticsView>('/api/projects/statistics', { year }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useProjectWatchlists(year: number, enabled = true) {
  return useQuery({
    queryKey: [...projectsQueryKey, 'watchlists', year],
    queryFn: ({ signal }) => api.get<ProjectWatchlistsView>('/api/projects/watchlists', { year }, signal),
    enabled,
  });
}

function useProjectMutation<T>(fn: (input: T) => Promise<ProjectDetailView>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async (detail) => {
      queryClient.setQueryData([...projectsQueryKey, 'detail', detail.id], detail);
      await queryClient.invalidateQueries({ queryKey: projectsQueryKey });
    },
  });
}

const path = (id: string) => `/api/projects/${encodeURIComponent(id)}`;

export const useMoveProject = (id: string) =>
  useProjectMutation((body: { to: ProjectStage; reason?: string; on?: string }) =>
    api.post<ProjectDetailView>(`${path(id)}/transitions`, body),
  );

export const useRecordInvestment = (id: string) =>
  useProjectMutation(({ month, amountWan }: { month: string; amountWan: number }) =>
    api.put<ProjectDetailView>(`${path(id)}/investments/${month}`, { amountWan }),
  );

export const useAddMilestone = (id: string) =>
  useProjectMutation((body: { name: string; plannedDate: string }) => api.post<ProjectDetailView>(`${path(id)}/milestones`, body));

export const useUpdateMilestone = (id: string) =>
  useProjectMutation(({ milestoneId, ...body }: { milestoneId: string; actualDate?: string | null; plannedDate?: string }) =>
    api.patch<ProjectDetailView>(`${path(id)}/milestones/${encodeURIComponent(milestoneId)}`, body),
  );

export const useUpdateProject = (id: string) =>
  useProjectMutation((body: Record<string, unknown>) => api.patch<ProjectDetailView>(path(id), body));

export const useFileProjectRequest = (id: string) =>
  useProjectMutation((body: { categoryCode: string; title: string; description: string; contactName: string; contactPhone: string }) =>
    api.post<ProjectDetailView>(`${path(id)}/service-requests`, body),
  );

export function useImportProjects() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: Blob) => api.upload<{ created: number; updated: number }>('/api/projects/import', file, XLSX_CONTENT_TYPE),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectsQueryKey }),
  });
}

export function useParkOptions() {
  return useQuery({
    queryKey: ['parks'],
    queryFn: ({ signal }) => api.get<Array<{ id: string; name: string }>>('/api/parks', undefined, signal),
    staleTime: 60_000,
  });
}

export function useRequestCategories(enabled: boolean) {
  return useQuery({
    queryKey: ['service-requests', 'categories'],
    queryFn: ({ signal }) =>
      api.get<Array<{ code: string; nameZh: string; nameEn: string }>>('/api/service-requests/categories', undefined, signal),
    enabled,
    staleTime: 60_000,
  });
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<ProjectDetailView>('/api/projects', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectsQueryKey }),
  });
}

export function useEnterpriseOptions(q: string) {
  return useQuery({
    queryKey: ['enterprises', 'options', q],
    queryFn: ({ signal }) =>
      api.get<Paged<{ id: string; name: string }>>('/api/enterprises', { q: q.trim() || undefined, pageSize: 20 }, signal),
    placeholderData: keepPreviousData,
  });
}
