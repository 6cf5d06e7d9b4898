import { Tag } from 'antd';
import type { AlarmSeverity, AlarmStatus, MachineState } from '@tiantai/shared';
import { useI18n } from '@/lib/i18n';

/** Green while it runs, blue while it waits, red when it is down, grey when it says nothing. */
export const STATE_COLOURS: Record<MachineState, string> = {
  running: '#52c41a',
  idle: '#1677ff',
  down: '#ff4d4f',
  offline: '#bfbfbf',
};
const STATE_TAGS: Record<MachineState, string> = { running: 'success', idle: 'processing', down: 'error', offline: 'default' };

export function MachineStateTag({ state, testId = 'device-state' }: { state: MachineState; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={STATE_TAGS[state]} data-testid={testId} data-state={state} style={{ marginInlineEnd: 0 }}>
      {t(`machineState.${state}`)}
    </Tag>
  );
}

const SEVERITY_COLOURS: Record<AlarmSeverity, string> = { minor: 'gold', major: 'orange', critical: 'red' };

export function SeverityTag({ severity }: { severity: AlarmSeverity }) {
  const { t } = useI18n();
  return (
    <Tag color={SEVERITY_COLOURS[severity]} data-testid="alarm-severity" data-severity={severity} style={{ marginInlineEnd: 0 }}>
      {t(`alarmSeverity.${severity}`)}
    </Tag>
  );
}

export function AlarmStatusTag({ status }: { status: AlarmStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={status === 'raised' ? 'error' : 'default'} data-testid="alarm-status" data-status={status} style={{ marginInlineEnd: 0 }}>
      {t(`alarmStatus.${status}`)}
    </Tag>
  );
}
