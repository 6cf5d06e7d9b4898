import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { greenRateFormula, type GreenRateFormula } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { makeUser, renderWithProviders } from '@/test/render';
import { serveApi } from '@/test/serve-api';
import { GreenFormulaCard } from './green-formula-card';

const FORMULA: GreenRateFormula = greenRateFormula.parse({ ratings: ['satisfied', 'basically_satisfied'], requireOnTime: true });

/** The statistics page's formula card for a user of `role`, served by an in-test green-formula route. */
function renderCardFor(role: Parameters<typeof makeUser>[0], locale: 'zh-CN' | 'en' = 'zh-CN') {
  let stored = FORMULA;
  const server = serveApi({
    'GET /api/service-requests/green-formula': () => stored,
    'PUT /api/service-requests/green-formula': (call) => (stored = greenRateFormula.parse(call.body)),
  });
  renderWithProviders(<GreenFormulaCard />, { user: makeUser(role), locale });
  return server;
}

describe('GreenFormulaCard', () => {
  it('tells every reader of the statistics which closed requests count as green', async () => {
    renderCardFor('county_viewer');
    expect((await screen.findByTestId('green-formula-text')).textContent).toBe(
      '评价为「满意 / 基本满意」且按时答复的办结诉求计为绿码办结。',
    );
  });

  it('in English too', async () => {
    renderCardFor('department_handler', 'en');
    expect((await screen.findByTestId('green-formula-text')).textContent).toBe(
      'Closed requests rated Satisfied / Basically satisfied and answered on time count as green.',
    );
  });

  // The office (直通办) owns the formula: requests.office in ACCESS_POLICY.
  it.each([
    ['county_admin', true],
    ['service_officer', true],
    ['county_viewer', false],
    ['department_handler', false],
  ] as const)('%s is offered the edit button: %s', async (role, offered) => {
    renderCardFor(role);
    await screen.findByTestId('green-formula-text');
    expect(screen.queryByTestId('green-formula-edit') !== null).toBe(offered);
  });

  it('lets the office change the formula and saves it with PUT', async () => {
    const server = renderCardFor('service_officer');
    await userEvent.click(await screen.findByTestId('green-formula-edit'));
    await userEvent.click(screen.getByRole('checkbox', { name: '基本满意' }));
    await userEvent.click(screen.getByRole('switch'));
    await userEvent.click(screen.getByTestId('green-formula-save'));
    await waitFor(() => expect(screen.getByTestId('green-formula-text').textContent).toBe('评价为「满意」的办结诉求计为绿码办结。'));
    const put = server.calls.find((call) => call.method === 'PUT');
    expect(put?.body).toEqual({ ratings: ['satisfied'], requireOnTime: false });
  });

  it('will not save a formula that counts no rating', async () => {
    const server = renderCardFor('county_admin');
    await userEvent.click(await screen.findByTestId('green-formula-edit'));
    await userEvent.click(screen.getByRole('checkbox', { name: '满意' }));
    await userEvent.click(screen.getByRole('checkbox', { name: '基本满意' }));
    expect(screen.getByText('至少选择一种评价')).toBeTruthy();
    expect(screen.getByTestId('green-formula-save').hasAttribute('disabled')).toBe(true);
    expect(server.calls.filter((call) => call.method === 'PUT')).toHaveLength(0);
  });
});
