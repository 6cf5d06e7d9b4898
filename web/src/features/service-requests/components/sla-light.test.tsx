import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { requestView, type RequestView } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/test/render';
import { runningDue, SlaLight } from './sla-light';

// A request as GET /api/service-requests lists it, checked against the shared schema. Times are UTC; the
// county (and this test project, TZ=Asia/Shanghai) reads them eight hours later.
function request(overrides: Partial<RequestView>): RequestView {
  return requestView.parse({
    id: 'req-1',
    number: 'ZT20260302-0007',
    enterpriseId: 'ent-1',
    enterpriseName: '浙江天台测试机械有限公司',
    categoryCode: 'power',
    title: '厂区增容用电申请',
    description: '新增一条产线，需要增容 800 kVA。',
    contactName: '张伟',
    contactPhone: '13800000000',
    status: 'submitted',
    leadDepartmentId: null,
    leadDepartmentName: null,
    coDepartmentIds: [],
    answer: null,
    rating: null,
    ratingComment: null,
    closedAs: null,
    rateDueAt: null,
    redoCount: 0,
    paused: false,
    extensionRequestedDays: null,
    submittedAt: '2026-03-02T01:00:00.000Z',
    acceptedAt: null,
    dispatchedAt: null,
    signedAt: null,
    answeredAt: null,
    closedAt: null,
    acceptDueAt: '2026-03-02T09:30:00.000Z',
    signDueAt: null,
    answerDueAt: null,
    acceptedOnTime: null,
    answeredOnTime: null,
    escalatedAt: null,
    sla: 'green',
    allowedActions: [],
    ...overrides,
  });
}

const lightOf = () => screen.getByTestId('sla-light');

describe('runningDue', () => {
  it('runs the clock of the step the request waits for', () => {
    expect(runningDue(request({ status: 'submitted' }))).toEqual({ due: '2026-03-02T09:30:00.000Z', label: 'sla.accept' });
    const dispatched = request({ status: 'dispatched', signDueAt: '2026-03-03T02:00:00.000Z' });
    expect(runningDue(dispatched)).toEqual({ due: '2026-03-03T02:00:00.000Z', label: 'sla.sign' });
    for (const status of ['signed', 'in_progress'] as const)
      expect(runningDue(request({ status, answerDueAt: '2026-03-10T09:00:00.000Z' }))).toEqual({
        due: '2026-03-10T09:00:00.000Z',
        label: 'sla.answer',
      });
  });

  it('runs no clock while the office dispatches, the enterprise rates, or once closed', () => {
    for (const status of ['accepted', 'answered', 'closed', 'rejected'] as const) expect(runningDue(request({ status }))).toBeNull();
    expect(runningDue(request({ status: 'dispatched', signDueAt: null }))).toBeNull();
  });
});

describe('SlaLight', () => {
  it('shows a new request due soon with the time acceptance is due, in local time', () => {
    renderWithProviders(<SlaLight request={request({ sla: 'yellow' })} />);
    expect(lightOf().getAttribute('data-sla')).toBe('yellow');
    expect(lightOf().textContent).toBe('临期03-02 17:30 前');
  });

  it('says the same in English', () => {
    renderWithProviders(<SlaLight request={request({ sla: 'yellow' })} />, { locale: 'en' });
    expect(lightOf().textContent).toBe('Due soonby 03-02 17:30');
  });

  it('measures a request in progress against its answer time, not its acceptance', () => {
    const inProgress = request({ status: 'in_progress', sla: 'red', answerDueAt: '2026-03-10T09:00:00.000Z' });
    renderWithProviders(<SlaLight request={inProgress} />);
    expect(screen.getByText('逾期')).toBeTruthy();
    expect(screen.getByText('03-10 17:00 前')).toBeTruthy();
    expect(screen.queryByText(/03-02 17:30/)).toBeNull();
  });

  it('says whose turn it is while no clock runs', () => {
    const { unmount } = renderWithProviders(<SlaLight request={request({ status: 'accepted', sla: 'green' })} />);
    expect(lightOf().textContent).toBe('正常待派单');
    unmount();
    renderWithProviders(<SlaLight request={request({ status: 'answered', sla: 'green' })} />, { locale: 'en' });
    expect(lightOf().textContent).toBe('On trackAwaiting rating');
  });

  it('shows a dash for a request without a light (rejected before acceptance)', () => {
    renderWithProviders(<SlaLight request={request({ status: 'rejected', sla: null })} />);
    expect(screen.queryByTestId('sla-light')).toBeNull();
    expect(screen.getByText('—')).toBeTruthy();
  });

  it('names the deadline in full on hover', async () => {
    renderWithProviders(<SlaLight request={request({ status: 'dispatched', sla: 'green', signDueAt: '2026-03-03T02:00:00.000Z' })} />);
    await userEvent.hover(lightOf());
    expect((await screen.findByRole('tooltip')).textContent).toBe('签收时限 2026-03-03 10:00');
  });
});
