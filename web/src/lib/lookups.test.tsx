import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { departmentView, type DepartmentView } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { testQueryClient } from '@/test/render';
import { apiError, serveApi } from '@/test/serve-api';
import { ApiError } from './api-client';
import { departmentsQueryKey, useDepartmentCount, useDepartments } from './lookups';

// GET /api/departments as the server answers it (registry.routes.ts → listDepartments, in creation order):
// checked against the shared response schema, so the fixture cannot drift from what the route sends.
const DEPARTMENTS: DepartmentView[] = departmentView.array().parse([
  {
    id: 'dep-office',
    name: '县企业直通服务办公室',
    shortName: '直通办',
    kind: 'office',
    acceptsRequests: true,
    contactName: '王丽',
    contactPhone: '0576-83001234',
    createdAt: '2026-01-05T08:00:00.000Z',
    updatedAt: '2026-01-05T08:00:00.000Z',
  },
  {
    id: 'dep-ndrc',
    name: '县发展和改革局',
    shortName: '发改局',
    kind: 'bureau',
    acceptsRequests: true,
    contactName: '陈强',
    contactPhone: '0576-83005678',
    createdAt: '2026-01-05T08:00:00.001Z',
    updatedAt: '2026-01-05T08:00:00.001Z',
  },
  {
    id: 'dep-power',
    name: '国网天台县供电公司',
    shortName: null,
    kind: 'utility',
    acceptsRequests: false,
    contactName: null,
    contactPhone: null,
    createdAt: '2026-01-05T08:00:00.002Z',
    updatedAt: '2026-01-05T08:00:00.002Z',
  },
]);

function wrapperFor(client: QueryClient) {
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

describe('useDepartments', () => {
  it('loads the directory from GET /api/departments', async () => {
    const server = serveApi({ 'GET /api/departments': () => DEPARTMENTS });
    const { result } = renderHook(() => useDepartments(), { wrapper: wrapperFor(testQueryClient()) });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data).toEqual(DEPARTMENTS);
    expect(result.current.data?.map((d) => d.shortName ?? d.name)).toEqual(['直通办', '发改局', '国网天台县供电公司']);
    expect(server.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['GET /api/departments']);
  });

  it('asks nothing while disabled (a dialog not yet dispatching)', async () => {
    const server = serveApi({ 'GET /api/departments': () => DEPARTMENTS });
    const client = testQueryClient();
    const { result, rerender } = renderHook(({ enabled }) => useDepartments(enabled), {
      wrapper: wrapperFor(client),
      initialProps: { enabled: false },
    });
    expect(result.current.fetchStatus).toBe('idle');
    expect(result.current.data).toBeUndefined();
    expect(server.calls).toHaveLength(0);
    rerender({ enabled: true });
    await waitFor(() => expect(result.current.data).toHaveLength(3));
    expect(server.calls).toHaveLength(1);
  });

  it('shares one request and one cache with useDepartmentCount, and keeps it a minute', async () => {
    const server = serveApi({ 'GET /api/departments': () => DEPARTMENTS });
    const client = testQueryClient();
    const { result, unmount } = renderHook(() => ({ list: useDepartments(), count: useDepartmentCount() }), {
      wrapper: wrapperFor(client),
    });
    await waitFor(() => expect(result.current.count.data).toBe(3));
    expect(result.current.list.data).toHaveLength(3);
    unmount();
    // Another page opening soon after reads the cache instead of asking again.
    const again = renderHook(() => useDepartmentCount(), { wrapper: wrapperFor(client) });
    expect(again.result.current.data).toBe(3);
    expect(server.calls).toHaveLength(1);
  });

  it('shows a change on every page once the key is invalidated', async () => {
    let departments = DEPARTMENTS;
    const server = serveApi({ 'GET /api/departments': () => departments });
    const client = testQueryClient();
    const { result } = renderHook(() => ({ list: useDepartments(), count: useDepartmentCount() }), {
      wrapper: wrapperFor(client),
    });
    await waitFor(() => expect(result.current.list.isSuccess).toBe(true));
    departments = [
      ...DEPARTMENTS.map((d) => (d.id === 'dep-ndrc' ? { ...d, name: '县发展改革局' } : d)),
      { ...DEPARTMENTS[0]!, id: 'dep-new' },
    ];
    await act(() => client.invalidateQueries({ queryKey: departmentsQueryKey }));
    await waitFor(() => expect(result.current.count.data).toBe(4));
    expect(result.current.list.data?.find((d) => d.id === 'dep-ndrc')?.name).toBe('县发展改革局');
    expect(server.calls).toHaveLength(2);
  });

  it("turns the server's refusal into an ApiError the page can switch on", async () => {
    serveApi({ 'GET /api/departments': () => apiError(401, 'UNAUTHENTICATED', 'sign in first') });
    const { result } = renderHook(() => useDepartments(), { wrapper: wrapperFor(testQueryClient()) });
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(ApiError);
    expect(result.current.error).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', message: 'sign in first' });
  });
});
