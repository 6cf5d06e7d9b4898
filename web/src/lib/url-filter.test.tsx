import type { ReactNode } from 'react';
import { act, renderHook } from '@testing-library/react';
import { MemoryRouter, useLocation, useNavigate, useNavigationType } from 'react-router';
import { describe, expect, it } from 'vitest';
import { useUrlFilter } from './url-filter';

/** The hook plus what the router shows: the URL and how the last navigation got there. */
function useFilterAndLocation() {
  const filter = useUrlFilter();
  const location = useLocation();
  return { ...filter, location, navigationType: useNavigationType(), navigate: useNavigate() };
}

function renderAt(...entries: string[]) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={entries} initialIndex={entries.length - 1}>
      {children}
    </MemoryRouter>
  );
  return renderHook(useFilterAndLocation, { wrapper });
}

describe('useUrlFilter', () => {
  it('reads the filters from the URL, including non-ASCII values', () => {
    const { result } = renderAt('/assets?state=down&q=%E6%B3%B5&page=2');
    expect(result.current.params.get('state')).toBe('down');
    expect(result.current.params.get('q')).toBe('泵');
    expect(result.current.params.get('page')).toBe('2');
    expect(result.current.params.get('plant')).toBeNull();
  });

  it('sets a filter, keeps the others and the path, and starts again from the first page', () => {
    const { result } = renderAt('/assets?state=down&page=3');
    act(() => result.current.update({ q: 'pump' }));
    expect(result.current.location.pathname).toBe('/assets');
    expect(result.current.location.search).toBe('?state=down&q=pump');
    expect(result.current.params.get('page')).toBeNull();
  });

  it('removes a filter set to undefined or to the empty string', () => {
    const { result } = renderAt('/requests?state=submitted&q=water&category=power');
    act(() => result.current.update({ state: undefined, q: '' }));
    expect(result.current.location.search).toBe('?category=power');
  });

  it('keeps the page when asked to (turning the page keeps the filter)', () => {
    const { result } = renderAt('/requests?state=submitted&page=2');
    act(() => result.current.update({ page: '3' }, true));
    expect(result.current.location.search).toBe('?state=submitted&page=3');
    act(() => result.current.update({ pageSize: '50' }, true));
    expect(result.current.params.get('page')).toBe('3');
    expect(result.current.params.get('pageSize')).toBe('50');
  });

  it('builds on the newest URL: successive updates add up', () => {
    const { result } = renderAt('/work-orders');
    act(() => result.current.update({ status: 'open' }));
    act(() => result.current.update({ priority: 'high' }));
    act(() => result.current.update({ status: 'done' }));
    expect(result.current.location.search).toBe('?status=done&priority=high');
  });

  it('replaces the history entry, so the back button leaves the page instead of undoing a filter', () => {
    const { result } = renderAt('/', '/assets?state=down');
    act(() => result.current.update({ q: 'pump' }));
    expect(result.current.navigationType).toBe('REPLACE');
    act(() => void result.current.navigate(-1));
    expect(result.current.location.pathname).toBe('/');
    expect(result.current.location.search).toBe('');
  });

  it('reset replaces every parameter, and with none clears them all', () => {
    const { result } = renderAt('/devices?state=down&q=cnc&page=4');
    act(() => result.current.reset({ state: 'running' }));
    expect(result.current.location.search).toBe('?state=running');
    expect(result.current.navigationType).toBe('REPLACE');
    act(() => result.current.reset());
    expect(result.current.location.pathname).toBe('/devices');
    expect(result.current.location.search).toBe('');
    expect([...result.current.params.keys()]).toEqual([]);
  });
});
