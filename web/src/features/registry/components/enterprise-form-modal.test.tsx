import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { EnterpriseView } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { makeUser, renderWithProviders } from '@/test/render';
import { serveApi } from '@/test/serve-api';
import { EnterpriseFormModal } from './enterprise-form-modal';

const ENTERPRISE: EnterpriseView = {
  id: 'org-enterprise',
  name: '浙江天台测试机械有限公司',
  creditCode: '91350100M000100Y43',
  creditCodeValid: true,
  industryCode: 'C3670',
  aboveScale: true,
  parkId: null,
  parkName: null,
  township: '坦头镇',
  address: null,
  contactName: null,
  contactPhone: null,
  contactEmail: null,
  createdAt: '2026-01-05T08:00:00.000Z',
  updatedAt: '2026-01-05T08:00:00.000Z',
};

function renderFor(role: 'enterprise_admin' | 'county_admin') {
  const server = serveApi({
    'GET /api/parks': () => [],
    'PATCH /api/enterprises/org-enterprise': () => ({ enterprise: ENTERPRISE, warnings: [] }),
  });
  renderWithProviders(<EnterpriseFormModal enterprise={ENTERPRISE} onClose={() => {}} />, { user: makeUser(role) });
  return server;
}

const identityInputs = () =>
  [
    '#enterprise_name',
    '#enterprise_creditCode',
    '#enterprise_industryCode',
    '#enterprise_township',
    '#enterprise_aboveScale',
    '#enterprise_parkId',
  ].map((s) => document.querySelector(s));

describe('EnterpriseFormModal', () => {
  it('shows an enterprise admin the identity fields read-only, says the county changes them, and sends only contacts', async () => {
    const server = renderFor('enterprise_admin');
    expect((await screen.findByTestId('enterprise-identity-note')).textContent).toContain('由县里维护');
    for (const input of identityInputs()) expect(input).toHaveProperty('disabled', true);
    const contact = document.querySelector<HTMLInputElement>('#enterprise_contactName')!;
    expect(contact.disabled).toBe(false);
    fireEvent.change(contact, { target: { value: '徐丽华' } });
    fireEvent.click(screen.getByTestId('enterprise-submit'));
    await waitFor(() => expect(server.calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect(server.calls.find((c) => c.method === 'PATCH')!.body).toEqual({ contactName: '徐丽华' });
  }, 20_000);

  it('lets the county admin edit the identity fields', async () => {
    renderFor('county_admin');
    await screen.findByTestId('enterprise-submit');
    expect(screen.queryByTestId('enterprise-identity-note')).toBeNull();
    for (const input of identityInputs()) expect(input).toHaveProperty('disabled', false);
  });
});
