// Counters fed by machine data: the device's own counter (a press's shot counter) is read every few
// seconds. The first telemetry reading of a counter is the baseline (the machine had counted before it was
// connected); afterwards the total grows by the difference, and a value below the last one means the
// device's counter restarted (power cycle, PLC replaced): the new value counts in full. Shots on a press
// also count on the mold mounted on it — that is where a mold's life is spent.
import { randomUUID } from 'node:crypto';
import type { CounterKind } from '@tiantai/shared';
import type { Kysely } from 'kysely';
import * as repo from './assets.repository';
import type { AssetTables } from './assets.tables';

async function addToCounter(trx: Kysely<AssetTables>, assetId: string, counter: CounterKind, delta: number, raw: number, at: string) {
  const row = await repo.findCounter(trx, assetId, counter);
  if (row) {
    await repo.updateCounter(trx, assetId, counter, { value: Number(row.value) + delta, last_reading: raw, updated_at: at });
  } else {
    await repo.insertCounter(trx, { asset_id: assetId, counter, value: delta, last_reading: raw, reset_count: 0, updated_at: at });
  }
}

/** Returns the ids of the assets whose totals grew (the press and its mounted mold), for usage-based plans. */
export async function applyTelemetryCounter(
  db: Kysely<AssetTables>,
  assetId: string,
  counter: CounterKind,
  raw: number,
  at: string,
): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    const asset = await trx.selectFrom('assets').select(['id', 'state']).where('id', '=', assetId).executeTakeFirst();
    if (!asset || asset.state === 'scrapped') return [];
    const previous = await trx
      .selectFrom('counter_readings')
      .select('value')
      .where('asset_id', '=', assetId)
      .where('counter', '=', counter)
      .where('source', '=', 'telemetry')
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const last = previous ? Number(previous.value) : null;
    if (last === raw) return [];
    const kind = last !== null && raw < last ? 'reset' : 'reading';
    const delta = last === null ? 0 : kind === 'reset' ? raw : raw - last;
    await repo.insertReading(trx, {
      id: randomUUID(),
      asset_id: assetId,
      counter,
      value: raw,
      delta,
      at,
      source: 'telemetry',
      kind,
      actor_user_id: null,
    });
    if (delta === 0) return [];
    await addToCounter(trx, assetId, counter, delta, raw, at);
    const changed = [assetId];
    if (counter === 'shots') {
      const mold = await trx
        .selectFrom('assets')
        .select('id')
        .where('mounted_on_asset_id', '=', assetId)
        .where('kind', '=', 'mold')
        .where('state', '!=', 'scrapped')
        .executeTakeFirst();
      if (mold) {
        const moldCounter = await repo.findCounter(trx, mold.id, 'shots');
        await addToCounter(trx, mold.id, 'shots', delta, Number(moldCounter?.last_reading ?? 0) + delta, at);
        changed.push(mold.id);
      }
    }
    return changed;
  });
}
