import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeUser, renderWithProviders } from '@/test/render';
import { serveApi } from '@/test/serve-api';
import { ChangePasswordDialog } from './change-password-dialog';

const fill = (selector: string, value: string) =>
  fireEvent.change(document.querySelector<HTMLInputElement>(selector)!, { target: { value } });

describe('ChangePasswordDialog', () => {
  it('refuses one of the commonest passwords before asking the server, and sends a good one', async () => {
    const server = serveApi({ 'POST /api/auth/password': () => new Response(null, { status: 204 }) });
    renderWithProviders(<ChangePasswordDialog onClose={() => {}} />, { user: makeUser('enterprise_member') });
    fill('#change-password_currentPassword', 'Own-Password#2026');
    fill('#change-password_newPassword', 'Woaini1314');
    fill('#change-password_confirmPassword', 'Woaini1314');
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText('这是最常见的密码之一，很容易被猜中，请换一个')).toBeTruthy();
    expect(server.calls.filter((c) => c.method === 'POST')).toEqual([]);

    fill('#change-password_newPassword', 'Tiantai-Mold#77');
    fill('#change-password_confirmPassword', 'Tiantai-Mold#77');
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(server.calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(server.calls.find((c) => c.method === 'POST')!.body).toEqual({
      currentPassword: 'Own-Password#2026',
      newPassword: 'Tiantai-Mold#77',
    });
  });
});
