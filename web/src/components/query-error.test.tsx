import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/lib/api-client';
import { renderWithProviders } from '@/test/render';
import { QueryError } from './query-error';

describe('QueryError', () => {
  it('shows a 404 as "not found", without a retry', () => {
    const error = new ApiError(404, 'NOT_FOUND', 'WorkOrder not found');
    renderWithProviders(<QueryError error={error} onRetry={() => undefined} />);
    expect(screen.getByText('未找到')).toBeTruthy();
    expect(screen.getByText('该记录不存在，或您没有查看权限。')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('speaks English when the user chose it', () => {
    renderWithProviders(<QueryError error={new ApiError(404, 'NOT_FOUND', 'gone')} />, { locale: 'en' });
    expect(screen.getByText('Not found')).toBeTruthy();
    expect(screen.getByText('This record does not exist, or you may not see it.')).toBeTruthy();
    expect(screen.queryByText('未找到')).toBeNull();
  });

  it('shows a 403 as "no access"', () => {
    renderWithProviders(<QueryError error={new ApiError(403, 'FORBIDDEN', 'no')} />);
    expect(screen.getByText('无权访问')).toBeTruthy();
    expect(screen.getByText('您的角色无权查看此页面。')).toBeTruthy();
  });

  it('shows any other failure as an alert with the reason and a retry that asks again', async () => {
    const onRetry = vi.fn();
    renderWithProviders(<QueryError error={new ApiError(503, 'INTERNAL', 'db down')} onRetry={onRetry} />, { locale: 'en' });
    expect(screen.getByRole('alert').textContent).toContain('Could not load the data');
    expect(screen.getByText('The server had a problem; please try again later')).toBeTruthy();
    // The server's own wording ("db down") is not for the user.
    expect(screen.queryByText(/db down/)).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('explains a lost connection and offers no retry button when the page has none', () => {
    renderWithProviders(<QueryError error={new ApiError(0, 'NETWORK_ERROR', 'Failed to fetch')} />);
    expect(screen.getByText('数据加载失败')).toBeTruthy();
    expect(screen.getByText('无法连接服务器，请检查网络')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull();
  });
});
