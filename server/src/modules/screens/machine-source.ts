// Where the screens get machine figures (online, running, down, utilisation, alarms): the telemetry module
// implements MachineSource from live machine data, and the composition root hands it to the screens.
import type { AlarmSeverity, MachineState } from '@tiantai/shared';

/** Whose machines: one enterprise (optionally one plant), or the whole county when enterpriseId is null. */
export interface MachineScope {
  enterpriseId: string | null;
  plantId?: string | null;
}

export interface MachineStatus {
  assetId: string;
  enterpriseId: string;
  plantId: string | null;
  state: MachineState;
  /** When the machine entered this state, if known. */
  since: string | null;
}

export interface MachineAlarm {
  id: string;
  enterpriseId: string;
  plantId: string | null;
  assetId: string | null;
  severity: AlarmSeverity;
  message: string;
  raisedAt: string;
}

/** Share of time running (0..1), over the scope and per enterprise; null where there is no data. */
export interface MachineUtilisation {
  total: number | null;
  byEnterprise: Record<string, number | null>;
}

export interface MachineSource {
  machineStates(scope: MachineScope): Promise<MachineStatus[]>;
  openAlarms(scope: MachineScope): Promise<MachineAlarm[]>;
  /** Over [from, to) (ISO instants). */
  utilisation(scope: MachineScope, range: { from: string; to: string }): Promise<MachineUtilisation>;
}
