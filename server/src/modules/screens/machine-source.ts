// Where the screens get machine figures (online, running, down, utilisation, alarms). The telemetry module
// implements MachineSource from live machine data; until it is wired in, ProvisionalMachineSource reads the
// assets' lifecycle states, which a technician sets by hand.
import type { AlarmSeverity, AssetState, MachineState } from '@tiantai/shared';
import type { Kysely } from 'kysely';
import type { AssetTables } from '../assets';

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
  readonly kind: 'provisional' | 'telemetry';
  machineStates(scope: MachineScope): Promise<MachineStatus[]>;
  openAlarms(scope: MachineScope): Promise<MachineAlarm[]>;
  /** Over [from, to) (ISO instants). */
  utilisation(scope: MachineScope, range: { from: string; to: string }): Promise<MachineUtilisation>;
}

const PROVISIONAL_STATE: Partial<Record<AssetState, MachineState>> = {
  in_service: 'running',
  idle: 'idle',
  commissioned: 'idle',
  under_maintenance: 'down',
  under_repair: 'down',
};

/**
 * PROVISIONAL — replaced by telemetry. Equipment's lifecycle state stands in for the machine state
 * (in service → running, idle/commissioned → idle, under maintenance/repair → down; planned and scrapped
 * machines are not on the floor), there are no alarms, and utilisation is the share of machines running
 * now, for a range that includes now, and unknown (null) for the past. It reads the assets table directly
 * because it is thrown away once telemetry implements MachineSource.
 */
export class ProvisionalMachineSource implements MachineSource {
  readonly kind = 'provisional' as const;
  private readonly db: Kysely<AssetTables>;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(db: Kysely<any>) {
    this.db = db as Kysely<AssetTables>;
  }

  async machineStates(scope: MachineScope): Promise<MachineStatus[]> {
    let query = this.db
      .selectFrom('assets')
      .select(['id', 'enterprise_id', 'custodian_enterprise_id', 'plant_id', 'state', 'updated_at'])
      .where('kind', '=', 'equipment')
      .where('state', 'in', Object.keys(PROVISIONAL_STATE) as AssetState[]);
    if (scope.enterpriseId !== null) {
      const enterpriseId = scope.enterpriseId;
      query = query.where((eb) => eb(eb.fn.coalesce('custodian_enterprise_id', 'enterprise_id'), '=', enterpriseId));
    }
    if (scope.plantId) query = query.where('plant_id', '=', scope.plantId);
    const rows = await query.orderBy('code').execute();
    return rows.map((r) => ({
      assetId: r.id,
      enterpriseId: r.custodian_enterprise_id ?? r.enterprise_id,
      plantId: r.plant_id,
      state: PROVISIONAL_STATE[r.state]!,
      since: r.updated_at,
    }));
  }

  async openAlarms(_scope: MachineScope): Promise<MachineAlarm[]> {
    return [];
  }

  async utilisation(scope: MachineScope, range: { from: string; to: string }): Promise<MachineUtilisation> {
    const now = new Date().toISOString();
    if (!(range.from <= now && now < range.to)) return { total: null, byEnterprise: {} };
    const states = await this.machineStates(scope);
    const share = (list: MachineStatus[]) => (list.length === 0 ? null : list.filter((s) => s.state === 'running').length / list.length);
    const byEnterprise: Record<string, MachineStatus[]> = {};
    for (const s of states) (byEnterprise[s.enterpriseId] ??= []).push(s);
    return {
      total: share(states),
      byEnterprise: Object.fromEntries(Object.entries(byEnterprise).map(([id, list]) => [id, share(list)])),
    };
  }
}
