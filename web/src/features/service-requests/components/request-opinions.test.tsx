import { screen } from '@testing-library/react';
import type { RequestOpinionView } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { RequestOpinions } from './request-opinions';

const NAMES: Record<string, string> = { 'dep-fg': '县房产管理服务中心', 'dep-zr': '县自然资源和规划局' };

const opinion: RequestOpinionView = {
  departmentId: 'dep-fg',
  departmentName: '县房产管理服务中心',
  opinion: '白蚁防治所今天下午即可上门查看并灭治',
  authorName: '房管中心 周静',
  submittedAt: '2026-06-16T02:00:00.000Z',
  updatedAt: '2026-06-16T03:15:00.000Z',
};

function renderOpinions(opinions: RequestOpinionView[], locale: 'zh-CN' | 'en' = 'zh-CN') {
  renderWithProviders(
    <RequestOpinions request={{ coDepartmentIds: ['dep-fg', 'dep-zr'], opinions }} departmentName={(id) => NAMES[id] ?? id} />,
    { locale },
  );
  return screen.getAllByTestId('request-opinion');
}

describe('RequestOpinions', () => {
  it('shows each co-handling department with its opinion, who gave it and when, or that it has given none', () => {
    const [given, missing] = renderOpinions([opinion]);
    expect(given!.getAttribute('data-department')).toBe('dep-fg');
    expect(given!.textContent).toContain('县房产管理服务中心');
    expect(given!.textContent).toContain('房管中心 周静');
    expect(given!.textContent).toContain('更新于 2026-06-16 11:15'); // China time
    expect(screen.getByTestId('request-opinion-text').textContent).toBe('白蚁防治所今天下午即可上门查看并灭治');
    expect(missing!.textContent).toBe('县自然资源和规划局未提交');
    expect(screen.getByTestId('request-opinions').textContent).toContain('企业不可见');
  });

  it('in English too', () => {
    const [given, missing] = renderOpinions([opinion], 'en');
    expect(given!.textContent).toContain('Updated 2026-06-16 11:15');
    expect(missing!.textContent).toContain('Not given');
    expect(screen.getByTestId('request-opinions').textContent).toContain('the enterprise does not see them');
  });

  it('keeps the opinion of a department no longer co-handling on record', () => {
    const rows = renderOpinions([{ ...opinion, departmentId: 'dep-old', departmentName: '县市场监督管理局' }]);
    expect(rows.map((row) => row.getAttribute('data-department'))).toEqual(['dep-fg', 'dep-zr', 'dep-old']);
    expect(rows[2]!.textContent).toContain('县市场监督管理局');
  });
});
