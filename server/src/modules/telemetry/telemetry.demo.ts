// Demo machine data: one connected device per machine of the demo enterprises (the presses and lines of
// 银轮, 三力士, 祥和…) and the alarm rules a plant would really set.
// The simulator then publishes through a real MQTT client, so the screens move.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { newAccessToken } from './ingest';
import { newDeviceRow } from './device-row';
import type { TelemetryTables } from './telemetry.tables';

export async function loadTelemetryDemo(db: Kysely<TelemetryTables>, now: Date): Promise<void> {
  const at = now.toISOString();
  const machines = await db
    .selectFrom('assets')
    .select(['id', 'enterprise_id', 'name', 'code', 'press'])
    .where('kind', '=', 'equipment')
    .where('state', '!=', 'scrapped')
    .orderBy('code')
    .execute();
  const rows = machines.map((m) =>
    newDeviceRow(
      {
        enterprise_id: m.enterprise_id,
        asset_id: m.id,
        name: `${m.code} ${m.name}`.slice(0, 200),
        kind: 'device',
        device_type: m.press ? 'press' : 'machine',
        access_token: newAccessToken(),
      },
      at,
    ),
  );
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('devices')
      .values(rows.slice(i, i + 100))
      .execute();

  const enterprises = [...new Set(machines.map((m) => m.enterprise_id))];
  for (const enterpriseId of enterprises) {
    const rule = (name: string, values: Partial<TelemetryTables['alarm_rules']>) => ({
      id: randomUUID(),
      enterprise_id: enterpriseId,
      name,
      device_type: null,
      metric: null,
      condition: 'above' as const,
      threshold: null,
      clear_threshold: null,
      duration_s: 0,
      severity: 'major' as const,
      open_work_order: 0,
      active: 1,
      created_at: at,
      updated_at: at,
      ...values,
    });
    await db
      .insertInto('alarm_rules')
      .values([
        rule('液压油温过高', {
          metric: 'oil_temp',
          threshold: 62,
          clear_threshold: 58,
          duration_s: 20,
          severity: 'major',
          open_work_order: 1,
        }),
        rule('主电机电流过载', { metric: 'current', threshold: 95, clear_threshold: 85, duration_s: 10, severity: 'critical' }),
        rule('设备通讯中断', { condition: 'no_data', duration_s: 300, severity: 'minor' }),
      ])
      .execute();
  }
}
