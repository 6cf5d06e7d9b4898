import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AssetTransferOfferView } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { inProcessZone } from '@/test/process-zone';
import { makeUser, renderWithProviders } from '@/test/render';
import { apiError, serveApi } from '@/test/serve-api';
import { IncomingTransfersCard } from './incoming-transfers-card';

const OFFER: AssetTransferOfferView = {
  id: 'offer-1',
  assetId: 'asset-1',
  assetCode: 'MJ-2031',
  assetName: '水室前盖模具',
  assetKind: 'mold',
  fromEnterpriseId: 'org-yinlun',
  fromEnterpriseName: '浙江银轮机械股份有限公司',
  toEnterpriseId: 'org-enterprise',
  toEnterpriseName: '浙江天台测试机械有限公司',
  role: 'owner',
  reason: '模具随订单转让',
  status: 'pending',
  direction: 'incoming',
  createdBy: 'yinlun',
  createdAt: '2026-03-02T02:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  decisionNote: null,
};

/** The card for the enterprise admin, served by in-test offer routes that answer as the server does. */
function renderCard(initial: AssetTransferOfferView[], locale: 'zh-CN' | 'en' = 'zh-CN') {
  let pending = [...initial];
  const answer = (status: AssetTransferOfferView['status']) => (call: { path: string; body: unknown }) => {
    const id = call.path.split('/')[3];
    const offer = pending.find((o) => o.id === id);
    if (!offer) return apiError(409, 'INVALID_TRANSITION');
    pending = pending.filter((o) => o.id !== id);
    return { ...offer, status, decisionNote: (call.body as { note?: string } | undefined)?.note ?? null };
  };
  const server = serveApi({
    'GET /api/asset-transfers': () => pending,
    'POST /api/asset-transfers/offer-1/accept': answer('accepted'),
    'POST /api/asset-transfers/offer-1/decline': answer('declined'),
  });
  renderWithProviders(<IncomingTransfersCard />, { user: makeUser('enterprise_admin'), locale });
  return server;
}

describe('IncomingTransfersCard', () => {
  it('shows nothing while no enterprise offers an asset', async () => {
    const server = renderCard([]);
    await waitFor(() => expect(server.calls.some((c) => c.path === '/api/asset-transfers')).toBe(true));
    expect(screen.queryByTestId('incoming-transfers')).toBeNull();
  });

  it('asks only for the pending offers the enterprise receives, and lists each with its sender', async () => {
    const server = renderCard([OFFER]);
    const item = await screen.findByTestId('incoming-transfer');
    expect(item.textContent).toContain('MJ-2031');
    expect(item.textContent).toContain('水室前盖模具');
    expect(item.textContent).toContain('浙江银轮机械股份有限公司 转交所有权');
    expect(item.textContent).toContain('模具随订单转让');
    const list = server.calls.find((c) => c.path === '/api/asset-transfers')!;
    expect(Object.fromEntries(list.search)).toEqual({ direction: 'incoming', status: 'pending' });
  });

  it('in English too', async () => {
    renderCard([OFFER], 'en');
    expect((await screen.findByTestId('incoming-transfers')).textContent).toContain('Incoming asset transfers');
    expect(screen.getByTestId('incoming-transfer').textContent).toContain('浙江银轮机械股份有限公司 offers ownership');
  });

  it('accepts after a confirmation, and the card goes once nothing is left', async () => {
    const server = renderCard([OFFER]);
    await userEvent.click(await screen.findByTestId('incoming-transfer-accept'));
    await userEvent.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(server.calls.some((c) => c.method === 'POST' && c.path.endsWith('/accept'))).toBe(true));
    await waitFor(() => expect(screen.queryByTestId('incoming-transfers')).toBeNull());
  });

  it('declines with the note the admin writes', async () => {
    const server = renderCard([OFFER]);
    await userEvent.click(await screen.findByTestId('incoming-transfer-decline'));
    await userEvent.type(await screen.findByTestId('incoming-transfer-note'), '暂无此模具订单');
    await userEvent.click(screen.getByTestId('incoming-transfer-decline-confirm'));
    await waitFor(() => expect(server.calls.find((c) => c.path.endsWith('/decline'))?.body).toEqual({ note: '暂无此模具订单' }));
    await waitFor(() => expect(screen.queryByTestId('incoming-transfers')).toBeNull());
  });
});

describe('IncomingTransfersCard in a browser on UTC', () => {
  inProcessZone('UTC');

  it("shows when the offer was made on the county's clock", async () => {
    // 16:30 UTC on New Year's Eve is already 00:30 on New Year's Day in the county.
    renderCard([{ ...OFFER, createdAt: '2025-12-31T16:30:00.000Z' }]);
    const item = await screen.findByTestId('incoming-transfer');
    expect(new Date('2025-12-31T16:30:00.000Z').getHours()).toBe(16);
    expect(item.textContent).toContain('2026-01-01 00:30');
  });
});
