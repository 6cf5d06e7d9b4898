import type {
  AssetEventKind,
  AssetKind,
  AssetState,
  CounterKind,
  Criticality,
  ReadingKind,
  TransferOfferStatus,
  TransferRole,
} from '@tiantai/shared';
import type { Generated } from 'kysely';
import type { RegistryTables } from '../registry';

export interface PlantsTable {
  id: string;
  enterprise_id: string;
  name: string;
  address: string | null;
  created_at: string;
  updated_at: string;
}

export interface LinesTable {
  id: string;
  enterprise_id: string;
  plant_id: string;
  name: string;
  created_at: string;
  updated_at: string;
}

/** `enterprise_id` owns the asset; `custodian_enterprise_id` keeps it when that is another enterprise. */
export interface AssetsTable {
  id: string;
  enterprise_id: string;
  custodian_enterprise_id: string | null;
  kind: AssetKind;
  code: string;
  name: string;
  model: string | null;
  maker: string | null;
  serial: string | null;
  install_date: string | null;
  criticality: Criticality;
  plant_id: string | null;
  line_id: string | null;
  state: AssetState;
  /** JSON object of free attributes. */
  attributes: string;
  /** 1: equipment that molds are mounted on (0 by default, so other modules' inserts need not name it). */
  press: Generated<number>;
  cavities: number | null;
  design_life_shots: number | null;
  mounted_on_asset_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface AssetEventsTable {
  id: string;
  asset_id: string;
  kind: AssetEventKind;
  from_state: AssetState | null;
  to_state: AssetState | null;
  at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  reason: string | null;
}

/** `value` is the accumulated total; `last_reading` the physical counter's last raw value. */
export interface AssetCountersTable {
  asset_id: string;
  counter: CounterKind;
  value: number;
  last_reading: number;
  reset_count: number;
  updated_at: string;
}

export interface CounterReadingsTable {
  id: string;
  asset_id: string;
  counter: CounterKind;
  value: number;
  delta: number;
  at: string;
  source: 'manual' | 'telemetry';
  kind: ReadingKind;
  actor_user_id: string | null;
}

export interface MoldMountsTable {
  id: string;
  mold_id: string;
  press_id: string;
  mounted_at: string;
  removed_at: string | null;
  mounted_by: string | null;
  removed_by: string | null;
}

/** One row per enterprise that has set its choice; no row means not shared. */
export interface AssetSharingTable {
  enterprise_id: string;
  shared: number;
  updated_at: string;
  updated_by: string | null;
}

/**
 * A transfer into another enterprise waiting for (or answered by) that enterprise's admin. `created_by` and
 * `decided_by` are usernames; at most one pending offer per asset (a partial unique index).
 */
export interface AssetTransferOffersTable {
  id: string;
  asset_id: string;
  from_enterprise_id: string;
  to_enterprise_id: string;
  role: TransferRole;
  reason: string | null;
  status: TransferOfferStatus;
  created_by: string | null;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export interface AssetTables extends RegistryTables {
  plants: PlantsTable;
  lines: LinesTable;
  assets: AssetsTable;
  asset_events: AssetEventsTable;
  asset_counters: AssetCountersTable;
  counter_readings: CounterReadingsTable;
  mold_mounts: MoldMountsTable;
  asset_sharing: AssetSharingTable;
  asset_transfer_offers: AssetTransferOffersTable;
}
