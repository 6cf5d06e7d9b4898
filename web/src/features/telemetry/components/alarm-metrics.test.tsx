import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AlarmRuleView, AlarmView } from '@tiantai/shared';
import { describe, expect, it } from 'vitest';
import { makeUser, renderWithProviders } from '@/test/render';
import { serveApi } from '@/test/serve-api';
import { AlarmRuleFormModal } from './alarm-rule-form-modal';
import { AlarmsPage } from './alarms-page';

const RULE: AlarmRuleView = {
  id: 'rule-1',
  enterpriseId: 'org-enterprise',
  name: '模温过高',
  deviceType: 'die_casting',
  metric: 'mold_temp',
  condition: 'above',
  threshold: 300,
  clearThreshold: 280,
  durationSeconds: 30,
  severity: 'major',
  openWorkOrder: false,
  active: true,
};

const ALARM: AlarmView = {
  id: 'alarm-1',
  enterpriseId: 'org-enterprise',
  ruleId: 'rule-2',
  ruleName: '液压油温过高',
  deviceId: 'dev-1',
  deviceName: '1 号冲床',
  deviceType: 'press',
  metric: 'oil_temp',
  unit: '°C',
  assetId: null,
  severity: 'major',
  status: 'raised',
  message: '液压油温过高：液压油温 = 66 °C（> 62 °C）',
  value: 66.04,
  raisedAt: new Date().toISOString(),
  clearedAt: null,
  acknowledgedAt: null,
  workOrderId: null,
};

// Alarm pages render tables and dialogs of antd: slower than a card under a loaded machine.
describe('alarm rules and alarms name the metric with its unit', { timeout: 30_000 }, () => {
  it('describes a rule by the metric’s name, the thresholds in its unit; an unknown key as itself', async () => {
    serveApi({
      'GET /api/telemetry/alarm-rules': () => [
        RULE,
        { ...RULE, id: 'rule-3', name: '探头', deviceType: null, metric: 'probe_7', clearThreshold: null },
      ],
      'GET /api/telemetry/alarms': () => ({ items: [], total: 0, page: 1, pageSize: 20 }),
    });
    renderWithProviders(<AlarmsPage />, { user: makeUser('enterprise_admin'), route: '/alarms?tab=rules' });
    await waitFor(() => expect(screen.getAllByTestId('rule-condition')).toHaveLength(2));
    const [mold, probe] = screen.getAllByTestId('rule-condition');
    expect(mold!.textContent).toBe('模温 > 300 °C（低于 280 °C 恢复） 持续 30 秒');
    expect(probe!.textContent).toBe('probe_7 > 300 持续 30 秒');
  });

  it('shows an alarm’s value in its metric’s unit and precision', async () => {
    // A wide screen, where alarms are a table with a value column (setup.ts answers every media query with no).
    const matchMedia = window.matchMedia;
    window.matchMedia = (query: string) => ({ ...matchMedia(query), matches: true });
    try {
      serveApi({ 'GET /api/telemetry/alarms': () => ({ items: [ALARM], total: 1, page: 1, pageSize: 20 }) });
      renderWithProviders(<AlarmsPage />, { user: makeUser('enterprise_admin'), route: '/alarms' });
      expect((await screen.findByTestId('alarm-value')).textContent).toBe('66.0 °C');
    } finally {
      window.matchMedia = matchMedia;
    }
  });

  it('offers the device type’s metrics by name in the rule editor, and the unit beside the thresholds', async () => {
    serveApi({ 'GET /api/telemetry/devices': () => [] });
    renderWithProviders(<AlarmRuleFormModal rule={RULE} onClose={() => undefined} />, { user: makeUser('enterprise_admin') });
    // The rule's metric, named, with the unit on the thresholds.
    expect((await screen.findByTestId('rule-metric-label')).textContent).toBe('模温 (°C)');
    expect(
      within(screen.getByTestId('rule-threshold').closest('.ant-input-number')!.parentElement!).getAllByText('°C').length,
    ).toBeGreaterThan(0);
    // The picker lists a die-casting machine's metrics by name; typing filters by name or key.
    const input = within(screen.getByTestId('rule-metric')).getByRole('combobox');
    await userEvent.clear(input);
    await userEvent.type(input, '温');
    await waitFor(() => expect(screen.getAllByTestId('rule-metric-option').length).toBeGreaterThan(0));
    const offered = screen.getAllByTestId('rule-metric-option').map((o) => o.textContent);
    expect(offered).toContain('模温 (°C)mold_temp');
    expect(offered).toContain('铝液温度 (°C)melt_temp');
    expect(offered).toContain('液压油温 (°C)oil_temp');
    expect(offered).not.toContain('电流 (A)current');
    // A key the catalogue does not know may still be typed; the form says how it will show.
    await userEvent.clear(input);
    await userEvent.type(input, 'probe_7');
    expect((await screen.findByTestId('rule-metric-label')).textContent).toBe('指标目录中没有该键：按键名显示，无单位');
  });
});
