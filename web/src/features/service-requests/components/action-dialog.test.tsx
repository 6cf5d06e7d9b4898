import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { requestDetailView, type RequestAction, type RequestDetailView } from '@tiantai/shared';
import { describe, expect, it, vi } from 'vitest';
import { makeUser, renderWithProviders } from '@/test/render';
import { serveApi } from '@/test/serve-api';
import { ActionDialog } from './action-dialog';

const CO_DEPARTMENT = 'dep-fg';

// An answered request with 房管中心 co-handling, as GET /api/service-requests/:id describes it to the county.
function request(overrides: Partial<RequestDetailView> = {}): RequestDetailView {
  return requestDetailView.parse({
    id: 'req-1',
    number: 'ZT2026000123',
    enterpriseId: 'ent-1',
    enterpriseName: '台州山河包装箱有限公司',
    categoryCode: 'construction',
    title: '厂区白蚁防治',
    description: '仓库木托盘发现白蚁。',
    contactName: '徐丽华',
    contactPhone: '13800000000',
    status: 'answered',
    leadDepartmentId: 'dep-zj',
    leadDepartmentName: '县住房和城乡建设局',
    coDepartmentIds: [CO_DEPARTMENT],
    answer: '已上门灭治',
    rating: null,
    ratingComment: null,
    closedAs: null,
    rateDueAt: '2026-06-19T02:00:00.000Z',
    redoCount: 0,
    paused: false,
    extensionRequestedDays: null,
    submittedAt: '2026-06-16T01:30:00.000Z',
    acceptedAt: '2026-06-16T01:40:00.000Z',
    dispatchedAt: '2026-06-16T01:50:00.000Z',
    signedAt: '2026-06-16T02:00:00.000Z',
    answeredAt: '2026-06-16T07:00:00.000Z',
    closedAt: null,
    acceptDueAt: '2026-06-16T02:30:00.000Z',
    signDueAt: '2026-06-16T05:50:00.000Z',
    answerDueAt: '2026-06-23T01:50:00.000Z',
    acceptedOnTime: true,
    answeredOnTime: true,
    escalatedAt: null,
    sla: 'green',
    allowedActions: [],
    events: [],
    attachments: [],
    opinions: [],
    ...overrides,
  });
}

function renderDialog(action: RequestAction, detail: RequestDetailView, user = makeUser('service_officer')) {
  const server = serveApi({
    'GET /api/service-requests/categories': () => [],
    'POST /api/service-requests/req-1/actions': () => detail,
  });
  const onDone = vi.fn();
  renderWithProviders(<ActionDialog request={detail} action={action} onClose={() => undefined} onDone={onDone} />, { user });
  return { server, onDone, posted: () => server.calls.filter((c) => c.method === 'POST').map((c) => c.body) };
}

describe('ActionDialog', () => {
  it('records the office’s follow-up call: the result and the notes are both required', async () => {
    const { onDone, posted } = renderDialog('follow_up', request({ allowedActions: ['follow_up'] }));
    expect(await screen.findByText('回访办结 · ZT2026000123')).toBeTruthy();
    await userEvent.click(screen.getByTestId('action-confirm'));
    expect(await screen.findByText('回访结果')).toBeTruthy();
    await waitFor(() => expect(document.querySelectorAll('.ant-form-item-explain-error').length).toBe(2));
    expect(posted()).toEqual([]);

    await userEvent.click(screen.getByTestId('rate-dissatisfied'));
    expect(screen.getByText('回访结果为“不满意”时诉求仍按回访办结，计入满意率统计。')).toBeTruthy();
    fireEvent.change(screen.getByTestId('follow-up-note'), { target: { value: '  电话回访徐经理：白蚁仍有复发  ' } });
    await userEvent.click(screen.getByTestId('action-confirm'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('follow_up', expect.anything()));
    expect(posted()).toEqual([{ action: 'follow_up', rating: 'dissatisfied', note: '电话回访徐经理：白蚁仍有复发' }]);
  }, 20_000);

  it('lets a co-handling department update its opinion, starting from what it said before', async () => {
    const before = {
      departmentId: CO_DEPARTMENT,
      departmentName: '县房产管理服务中心',
      opinion: '白蚁防治所可于两个工作日内上门',
      authorName: '房管中心 周静',
      submittedAt: '2026-06-16T02:30:00.000Z',
      updatedAt: '2026-06-16T02:30:00.000Z',
    };
    const detail = request({ status: 'in_progress', answeredAt: null, rateDueAt: null, allowedActions: ['opinion'], opinions: [before] });
    const { onDone, posted } = renderDialog('opinion', detail, makeUser('department_handler', { organisationId: CO_DEPARTMENT }));
    const text = await screen.findByTestId<HTMLTextAreaElement>('opinion-text');
    expect(text.value).toBe('白蚁防治所可于两个工作日内上门');
    expect(screen.getByText('供牵头部门答复前参考，答复前可随时修改；企业看不到协办意见。')).toBeTruthy();
    fireEvent.change(text, { target: { value: '' } });
    await userEvent.click(screen.getByTestId('action-confirm'));
    await waitFor(() => expect(document.querySelectorAll('.ant-form-item-explain-error').length).toBe(1));
    fireEvent.change(text, { target: { value: '白蚁防治所今天下午即可上门' } });
    await userEvent.click(screen.getByTestId('action-confirm'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('opinion', expect.anything()));
    expect(posted()).toEqual([{ action: 'opinion', opinion: '白蚁防治所今天下午即可上门' }]);
  }, 20_000);

  it('starts an opinion empty for a department that has given none', async () => {
    const detail = request({ status: 'signed', answeredAt: null, rateDueAt: null, allowedActions: ['opinion'] });
    renderDialog('opinion', detail, makeUser('department_handler', { organisationId: CO_DEPARTMENT }));
    expect((await screen.findByTestId<HTMLTextAreaElement>('opinion-text')).value).toBe('');
  });
});
