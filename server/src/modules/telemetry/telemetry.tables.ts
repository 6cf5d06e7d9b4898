import type { AlarmCondition, AlarmSeverity, AlarmStatus, DeviceKind, MachineState } from '@tiantai/shared';
import type { Generated } from 'kysely';
import type { AssetTables } from '../assets';

export interface DevicesTable {
  id: string;
  enterprise_id: string;
  asset_id: string | null;
  name: string;
  kind: DeviceKind;
  /** A device a gateway announced (v1/gateway/connect); it has no token of its own. */
  gateway_id: string | null;
  device_type: string;
  access_token: string | null;
  last_seen_at: string | null;
  connected: number;
  messages: number;
  points: number;
  rejected_malformed: number;
  rejected_limit: number;
  rejected_client_id: number;
  rejected_rate: number;
  rejected_size: number;
  rejected_topic: number;
  created_at: string;
  updated_at: string;
}

export interface TelemetrySeriesTable {
  id: Generated<number>;
  device_id: string;
  key: string;
  last_ts: number;
  last_value: number;
}

export interface TelemetryPointsTable {
  series_id: number;
  /** ms since the epoch */
  ts: number;
  value: number;
}

export interface TelemetryRollupTable {
  series_id: number;
  /** Start of the minute or hour, ms since the epoch. */
  bucket: number;
  min: number;
  max: number;
  sum: number;
  count: number;
  last: number;
  last_ts: number;
}

export interface MachineStatesTable {
  device_id: string;
  enterprise_id: string;
  asset_id: string | null;
  state: MachineState;
  since: number;
}

export interface MachineStatePeriodsTable {
  id: string;
  device_id: string;
  enterprise_id: string;
  state: MachineState;
  started_at: number;
  ended_at: number | null;
}

export interface AlarmRulesTable {
  id: string;
  enterprise_id: string;
  name: string;
  device_type: string | null;
  metric: string | null;
  condition: AlarmCondition;
  threshold: number | null;
  clear_threshold: number | null;
  duration_s: number;
  severity: AlarmSeverity;
  open_work_order: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface AlarmsTable {
  id: string;
  enterprise_id: string;
  rule_id: string;
  device_id: string;
  asset_id: string | null;
  severity: AlarmSeverity;
  status: AlarmStatus;
  message: string;
  value: number | null;
  raised_at: string;
  cleared_at: string | null;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  work_order_id: string | null;
}

export interface TelemetryTables extends AssetTables {
  devices: DevicesTable;
  telemetry_series: TelemetrySeriesTable;
  telemetry_points: TelemetryPointsTable;
  telemetry_rollup_1m: TelemetryRollupTable;
  telemetry_rollup_1h: TelemetryRollupTable;
  machine_states: MachineStatesTable;
  machine_state_periods: MachineStatePeriodsTable;
  alarm_rules: AlarmRulesTable;
  alarms: AlarmsTable;
}
