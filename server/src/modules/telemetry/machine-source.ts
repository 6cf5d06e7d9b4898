// Machine figures for the big screens, from live data: each machine's state (its device's, except that a
// machine under maintenance or repair is down whatever its PLC says, and a machine without a device or with a
// silent one is offline), the open alarms, and utilisation = running time ÷ the time the machines were watched.
// A machine is watched from its first device's creation on (a silent device's time counts as not running, as on
// the device page); before that, and without a device, there is no data: a range nobody watched is null, not 0 %.
// The screens module takes this through the composition root.
import { isLive, type AlarmSeverity, type MachineState } from '@tiantai/shared';
import type { Kysely } from 'kysely';
import type { TelemetryTables } from './telemetry.tables';
import { liveState } from './monitor';

export interface MachineScope {
  enterpriseId: string | null;
  plantId?: string | null;
}

export class TelemetryMachineSource {
  constructor(private readonly db: Kysely<TelemetryTables>) {}

  private machines(scope: MachineScope) {
    let query = this.db
      .selectFrom('assets')
      .leftJoin('devices', 'devices.asset_id', 'assets.id')
      .leftJoin('machine_states', 'machine_states.device_id', 'devices.id')
      .where('assets.kind', '=', 'equipment')
      .where('assets.state', 'not in', ['planned', 'scrapped']);
    if (scope.enterpriseId !== null) {
      const enterpriseId = scope.enterpriseId;
      query = query.where((eb) => eb(eb.fn.coalesce('assets.custodian_enterprise_id', 'assets.enterprise_id'), '=', enterpriseId));
    }
    if (scope.plantId) query = query.where('assets.plant_id', '=', scope.plantId);
    return query;
  }

  async machineStates(scope: MachineScope) {
    const rows = await this.machines(scope)
      .select([
        'assets.id as asset_id',
        'assets.enterprise_id',
        'assets.custodian_enterprise_id',
        'assets.plant_id',
        'assets.state as lifecycle',
        'devices.id as device_id',
        'devices.device_type',
        'devices.last_seen_at',
        'machine_states.state',
        'machine_states.since',
      ])
      .orderBy('assets.code')
      .execute();
    const now = Date.now();
    const byAsset = new Map<
      string,
      { assetId: string; enterpriseId: string; plantId: string | null; state: MachineState; since: string | null }
    >();
    for (const r of rows) {
      const live = r.device_id !== null && isLive(r.device_type, r.last_seen_at, now);
      let state: MachineState = live ? liveState(r.state) : 'offline';
      if (r.lifecycle === 'under_maintenance' || r.lifecycle === 'under_repair') state = 'down';
      const seen = byAsset.get(r.asset_id);
      // A machine with two devices (a PLC and a meter) is as live as its liveliest one.
      if (seen && seen.state !== 'offline') continue;
      byAsset.set(r.asset_id, {
        assetId: r.asset_id,
        enterpriseId: r.custodian_enterprise_id ?? r.enterprise_id,
        plantId: r.plant_id,
        state,
        since: live && r.since !== null ? new Date(Number(r.since)).toISOString() : null,
      });
    }
    return [...byAsset.values()];
  }

  async openAlarms(scope: MachineScope) {
    let query = this.db
      .selectFrom('alarms')
      .leftJoin('assets', 'assets.id', 'alarms.asset_id')
      .select([
        'alarms.id',
        'alarms.enterprise_id',
        'assets.plant_id',
        'alarms.asset_id',
        'alarms.severity',
        'alarms.message',
        'alarms.raised_at',
      ])
      .where('alarms.status', '=', 'raised');
    if (scope.enterpriseId !== null) query = query.where('alarms.enterprise_id', '=', scope.enterpriseId);
    if (scope.plantId) query = query.where('assets.plant_id', '=', scope.plantId);
    const rows = await query.orderBy('alarms.raised_at', 'desc').limit(200).execute();
    return rows.map((r) => ({
      id: r.id,
      enterpriseId: r.enterprise_id,
      plantId: r.plant_id,
      assetId: r.asset_id,
      severity: r.severity as AlarmSeverity,
      message: r.message,
      raisedAt: r.raised_at,
    }));
  }

  async utilisation(scope: MachineScope, range: { from: string; to: string }) {
    const from = Date.parse(range.from);
    const to = Math.min(Date.parse(range.to), Date.now());
    if (!(to > from)) return { total: null, byEnterprise: {} };
    const machines = await this.machines(scope)
      .select([
        'assets.id as asset_id',
        'assets.enterprise_id',
        'assets.custodian_enterprise_id',
        'devices.id as device_id',
        'devices.created_at as device_created_at',
      ])
      .execute();
    // Per machine: whose it is and from when in the range it was watched (its earliest device's creation).
    const watched = new Map<string, { enterpriseId: string; from: number; running: number }>();
    const enterprises = new Set<string>();
    const assetOfDevice = new Map<string, string>();
    for (const m of machines) {
      const enterpriseId = m.custodian_enterprise_id ?? m.enterprise_id;
      enterprises.add(enterpriseId);
      if (m.device_id === null || m.device_created_at === null) continue;
      const since = Math.max(from, Date.parse(m.device_created_at));
      if (!(since < to)) continue;
      const seen = watched.get(m.asset_id);
      watched.set(m.asset_id, { enterpriseId, from: Math.min(since, seen?.from ?? since), running: 0 });
      assetOfDevice.set(m.device_id, m.asset_id);
    }
    const deviceIds = [...assetOfDevice.keys()];
    for (let i = 0; i < deviceIds.length; i += 500) {
      const periods = await this.db
        .selectFrom('machine_state_periods')
        .select(['device_id', 'started_at', 'ended_at'])
        .where('device_id', 'in', deviceIds.slice(i, i + 500))
        .where('state', '=', 'running')
        .where('started_at', '<', to)
        .where((eb) => eb.or([eb('ended_at', 'is', null), eb('ended_at', '>', from)]))
        .execute();
      for (const p of periods) {
        const machine = watched.get(assetOfDevice.get(p.device_id)!)!;
        const ms = Math.min(p.ended_at === null ? to : Number(p.ended_at), to) - Math.max(Number(p.started_at), machine.from);
        if (ms > 0) machine.running += ms;
      }
    }
    const sums = new Map<string, { running: number; span: number }>();
    let allRunning = 0;
    let allSpan = 0;
    for (const m of watched.values()) {
      const span = to - m.from;
      // Two devices on one machine (a PLC and a meter) may both say running: the machine runs at most its span.
      const running = Math.min(m.running, span);
      const sum = sums.get(m.enterpriseId) ?? { running: 0, span: 0 };
      sum.running += running;
      sum.span += span;
      sums.set(m.enterpriseId, sum);
      allRunning += running;
      allSpan += span;
    }
    const byEnterprise: Record<string, number | null> = {};
    for (const enterpriseId of enterprises) {
      const sum = sums.get(enterpriseId);
      byEnterprise[enterpriseId] = sum ? sum.running / sum.span : null;
    }
    return { total: allSpan === 0 ? null : allRunning / allSpan, byEnterprise };
  }
}
