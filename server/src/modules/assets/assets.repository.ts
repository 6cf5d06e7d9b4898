import {
  DEFAULT_COUNTY_TIME_ZONE,
  countyDayStart,
  type AssetKind,
  type AssetState,
  type CounterKind,
  type TransferDirection,
  type TransferOfferStatus,
} from '@tiantai/shared';
import type { Insertable, Kysely, Updateable } from 'kysely';
import { paginate, type PageRequest } from '../../db/paginate';
import type {
  AssetCountersTable,
  AssetSharingTable,
  AssetEventsTable,
  AssetTables,
  AssetTransferOffersTable,
  AssetsTable,
  CounterReadingsTable,
  LinesTable,
  MoldMountsTable,
  PlantsTable,
} from './assets.tables';

export type AssetDb = Kysely<AssetTables>;

// ---- plants and lines: always within one enterprise ----

export function listPlants(db: AssetDb, enterpriseId: string) {
  return db.selectFrom('plants').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('name').execute();
}

export function findPlant(db: AssetDb, enterpriseId: string, id: string) {
  return db.selectFrom('plants').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();
}

export async function insertPlant(db: AssetDb, row: Insertable<PlantsTable>): Promise<void> {
  await db.insertInto('plants').values(row).execute();
}

export async function updatePlant(db: AssetDb, id: string, changes: Updateable<PlantsTable>): Promise<void> {
  await db.updateTable('plants').set(changes).where('id', '=', id).execute();
}

export function listLines(db: AssetDb, enterpriseId: string, plantId?: string) {
  let query = db.selectFrom('lines').selectAll().where('enterprise_id', '=', enterpriseId);
  if (plantId) query = query.where('plant_id', '=', plantId);
  return query.orderBy('name').execute();
}

export function findLine(db: AssetDb, enterpriseId: string, id: string) {
  return db.selectFrom('lines').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();
}

export async function insertLine(db: AssetDb, row: Insertable<LinesTable>): Promise<void> {
  await db.insertInto('lines').values(row).execute();
}

export async function updateLine(db: AssetDb, id: string, changes: Updateable<LinesTable>): Promise<void> {
  await db.updateTable('lines').set(changes).where('id', '=', id).execute();
}

// ---- assets: visible to the owner and to the custodian ----

const assetsWithNames = (db: AssetDb) =>
  db
    .selectFrom('assets')
    .innerJoin('organisations as owner', 'owner.id', 'assets.enterprise_id')
    .leftJoin('organisations as custodian', 'custodian.id', 'assets.custodian_enterprise_id')
    .leftJoin('plants', 'plants.id', 'assets.plant_id')
    .leftJoin('lines', 'lines.id', 'assets.line_id')
    .leftJoin('assets as press', 'press.id', 'assets.mounted_on_asset_id')
    .leftJoin('asset_counters as shots', (join) =>
      join.onRef('shots.asset_id', '=', 'assets.id').on('shots.counter', '=', 'shots' satisfies CounterKind),
    )
    .selectAll('assets')
    .select([
      'owner.name as enterprise_name',
      'custodian.name as custodian_name',
      'plants.name as plant_name',
      'lines.name as line_name',
      'press.name as mounted_on_name',
      'shots.value as shots',
    ]);

export interface AssetFilter {
  kind?: AssetKind | undefined;
  press?: boolean | undefined;
  plantId?: string | undefined;
  lineId?: string | undefined;
  state?: AssetState | undefined;
  q?: string | undefined;
}

function visibleTo(db: AssetDb, enterpriseId: string) {
  return assetsWithNames(db).where((eb) =>
    eb.or([eb('assets.enterprise_id', '=', enterpriseId), eb('assets.custodian_enterprise_id', '=', enterpriseId)]),
  );
}

export function listAssets(db: AssetDb, enterpriseId: string, filter: AssetFilter, page: PageRequest) {
  let query = visibleTo(db, enterpriseId);
  if (filter.kind) query = query.where('assets.kind', '=', filter.kind);
  if (filter.press !== undefined) query = query.where('assets.press', '=', filter.press ? 1 : 0);
  if (filter.plantId) query = query.where('assets.plant_id', '=', filter.plantId);
  if (filter.lineId) query = query.where('assets.line_id', '=', filter.lineId);
  if (filter.state) query = query.where('assets.state', '=', filter.state);
  if (filter.q) {
    const q = `%${filter.q.trim()}%`;
    query = query.where((eb) =>
      eb.or([eb('assets.code', 'like', q), eb('assets.name', 'like', q), eb('assets.model', 'like', q), eb('assets.maker', 'like', q)]),
    );
  }
  return paginate(query.orderBy('assets.code').orderBy('assets.id'), page);
}

/** The asset if the enterprise owns or keeps it; undefined otherwise (the caller answers 404). */
export function findVisibleAsset(db: AssetDb, enterpriseId: string, id: string) {
  return visibleTo(db, enterpriseId).where('assets.id', '=', id).executeTakeFirst();
}

export type AssetRow = NonNullable<Awaited<ReturnType<typeof findVisibleAsset>>>;

export async function insertAsset(db: AssetDb, row: Insertable<AssetsTable>): Promise<void> {
  await db.insertInto('assets').values(row).execute();
}

export async function updateAsset(db: AssetDb, id: string, changes: Updateable<AssetsTable>): Promise<void> {
  await db.updateTable('assets').set(changes).where('id', '=', id).execute();
}

export function findAssetByCode(db: AssetDb, enterpriseId: string, code: string) {
  return db.selectFrom('assets').select('id').where('enterprise_id', '=', enterpriseId).where('code', '=', code).executeTakeFirst();
}

export function countMountedOn(db: AssetDb, pressId: string) {
  return db
    .selectFrom('assets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('mounted_on_asset_id', '=', pressId)
    .executeTakeFirstOrThrow();
}

// ---- timeline, counters, mounts ----

export async function insertEvent(db: AssetDb, row: Insertable<AssetEventsTable>): Promise<void> {
  await db.insertInto('asset_events').values(row).execute();
}

export function listEvents(db: AssetDb, assetId: string) {
  return db.selectFrom('asset_events').selectAll().where('asset_id', '=', assetId).orderBy('at', 'desc').orderBy('id', 'desc').execute();
}

export function listCounters(db: AssetDb, assetId: string) {
  return db.selectFrom('asset_counters').selectAll().where('asset_id', '=', assetId).orderBy('counter').execute();
}

export function findCounter(db: AssetDb, assetId: string, counter: CounterKind) {
  return db.selectFrom('asset_counters').selectAll().where('asset_id', '=', assetId).where('counter', '=', counter).executeTakeFirst();
}

export async function insertCounter(db: AssetDb, row: Insertable<AssetCountersTable>): Promise<void> {
  await db.insertInto('asset_counters').values(row).execute();
}

export async function updateCounter(db: AssetDb, assetId: string, counter: CounterKind, changes: Updateable<AssetCountersTable>) {
  await db.updateTable('asset_counters').set(changes).where('asset_id', '=', assetId).where('counter', '=', counter).execute();
}

export async function insertReading(db: AssetDb, row: Insertable<CounterReadingsTable>): Promise<void> {
  await db.insertInto('counter_readings').values(row).execute();
}

export function listReadings(db: AssetDb, assetId: string, limit: number) {
  return db
    .selectFrom('counter_readings')
    .selectAll()
    .where('asset_id', '=', assetId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function insertMount(db: AssetDb, row: Insertable<MoldMountsTable>): Promise<void> {
  await db.insertInto('mold_mounts').values(row).execute();
}

export async function closeMount(db: AssetDb, moldId: string, at: string, by: string): Promise<void> {
  await db
    .updateTable('mold_mounts')
    .set({ removed_at: at, removed_by: by })
    .where('mold_id', '=', moldId)
    .where('removed_at', 'is', null)
    .execute();
}

/** Mounts of the asset as a mold or as a press, newest first. */
export function listMounts(db: AssetDb, assetId: string) {
  return db
    .selectFrom('mold_mounts')
    .innerJoin('assets as mold', 'mold.id', 'mold_mounts.mold_id')
    .innerJoin('assets as press', 'press.id', 'mold_mounts.press_id')
    .selectAll('mold_mounts')
    .select(['mold.name as mold_name', 'press.name as press_name'])
    .where((eb) => eb.or([eb('mold_mounts.mold_id', '=', assetId), eb('mold_mounts.press_id', '=', assetId)]))
    .orderBy('mold_mounts.mounted_at', 'desc')
    .orderBy('mold_mounts.id', 'desc')
    .execute();
}

// ---- county aggregates ----

/** Counts by kind, state and keeping enterprise; with `enterpriseId`, only what that enterprise sees. */
export function countAssets(db: AssetDb, enterpriseId?: string) {
  let query = db
    .selectFrom('assets')
    .select((eb) => [
      'assets.kind',
      'assets.state',
      eb.fn.coalesce('assets.custodian_enterprise_id', 'assets.enterprise_id').as('holder'),
      eb.fn.countAll<number>().as('n'),
    ]);
  if (enterpriseId)
    query = query.where((eb) =>
      eb.or([eb('assets.enterprise_id', '=', enterpriseId), eb('assets.custodian_enterprise_id', '=', enterpriseId)]),
    );
  return query.groupBy(['assets.kind', 'assets.state', 'holder']).execute();
}

export function countMoldsNearEndOfLife(db: AssetDb, share: number, enterpriseId?: string) {
  let query = db
    .selectFrom('assets')
    .innerJoin('asset_counters', (join) =>
      join.onRef('asset_counters.asset_id', '=', 'assets.id').on('asset_counters.counter', '=', 'shots' satisfies CounterKind),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('assets.kind', '=', 'mold')
    .where('assets.state', '!=', 'scrapped')
    .where('assets.design_life_shots', 'is not', null)
    .where((eb) => eb('asset_counters.value', '>=', eb('assets.design_life_shots', '*', share)));
  if (enterpriseId)
    query = query.where((eb) =>
      eb.or([eb('assets.enterprise_id', '=', enterpriseId), eb('assets.custodian_enterprise_id', '=', enterpriseId)]),
    );
  return query.executeTakeFirstOrThrow();
}

// ---- transfer offers: always those an enterprise sends or receives ----

const offersWithNames = (db: AssetDb) =>
  db
    .selectFrom('asset_transfer_offers')
    .innerJoin('assets', 'assets.id', 'asset_transfer_offers.asset_id')
    .innerJoin('organisations as sender', 'sender.id', 'asset_transfer_offers.from_enterprise_id')
    .innerJoin('organisations as receiver', 'receiver.id', 'asset_transfer_offers.to_enterprise_id')
    .selectAll('asset_transfer_offers')
    .select([
      'assets.code as asset_code',
      'assets.name as asset_name',
      'assets.kind as asset_kind',
      'sender.name as from_enterprise_name',
      'receiver.name as to_enterprise_name',
    ]);

export interface OfferFilter {
  direction?: TransferDirection | undefined;
  status?: TransferOfferStatus | undefined;
  assetId?: string | undefined;
}

/** The offers `enterpriseId` sends or receives (one direction with the filter), newest first. */
export function listOffers(db: AssetDb, enterpriseId: string, filter: OfferFilter, limit: number) {
  let query = offersWithNames(db);
  if (filter.direction === 'incoming') query = query.where('asset_transfer_offers.to_enterprise_id', '=', enterpriseId);
  else if (filter.direction === 'outgoing') query = query.where('asset_transfer_offers.from_enterprise_id', '=', enterpriseId);
  else
    query = query.where((eb) =>
      eb.or([
        eb('asset_transfer_offers.to_enterprise_id', '=', enterpriseId),
        eb('asset_transfer_offers.from_enterprise_id', '=', enterpriseId),
      ]),
    );
  if (filter.status) query = query.where('asset_transfer_offers.status', '=', filter.status);
  if (filter.assetId) query = query.where('asset_transfer_offers.asset_id', '=', filter.assetId);
  return query.orderBy('asset_transfer_offers.created_at', 'desc').orderBy('asset_transfer_offers.id', 'desc').limit(limit).execute();
}

/** The offer if `enterpriseId` sends or receives it; undefined otherwise (the caller answers 404). */
export function findOffer(db: AssetDb, enterpriseId: string, id: string) {
  return offersWithNames(db)
    .where('asset_transfer_offers.id', '=', id)
    .where((eb) =>
      eb.or([
        eb('asset_transfer_offers.to_enterprise_id', '=', enterpriseId),
        eb('asset_transfer_offers.from_enterprise_id', '=', enterpriseId),
      ]),
    )
    .executeTakeFirst();
}

export type OfferRow = NonNullable<Awaited<ReturnType<typeof findOffer>>>;

/** An enterprise of the register with its name: the receiver of a transfer. */
export function findEnterpriseName(db: AssetDb, id: string) {
  return db
    .selectFrom('enterprises')
    .innerJoin('organisations', 'organisations.id', 'enterprises.id')
    .select(['enterprises.id', 'organisations.name'])
    .where('enterprises.id', '=', id)
    .executeTakeFirst();
}

export function findPendingOffer(db: AssetDb, assetId: string) {
  return db
    .selectFrom('asset_transfer_offers')
    .select(['id', 'to_enterprise_id'])
    .where('asset_id', '=', assetId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export async function insertOffer(db: AssetDb, row: Insertable<AssetTransferOffersTable>): Promise<void> {
  await db.insertInto('asset_transfer_offers').values(row).execute();
}

/** Answers a pending offer; false when it was no longer pending (answered or withdrawn meanwhile). */
export async function decideOffer(
  db: AssetDb,
  id: string,
  decision: Pick<AssetTransferOffersTable, 'status' | 'decided_by' | 'decided_at' | 'decision_note'>,
): Promise<boolean> {
  const result = await db
    .updateTable('asset_transfer_offers')
    .set(decision)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

// ---- for other modules (through index.ts) ----

/** The asset if this enterprise keeps it: the custodian, or the owner when nobody else keeps it. */
/**
 * Enterprises a transfer may go to, other than `exceptId`: the one with this exact credit code, or those
 * whose name contains the text. Ids and names only.
 */
export function findTransferTargets(db: AssetDb, query: { creditCode?: string; nameContains?: string }, exceptId: string, limit: number) {
  let q = db
    .selectFrom('enterprises')
    .innerJoin('organisations', 'organisations.id', 'enterprises.id')
    .select(['enterprises.id', 'organisations.name'])
    .where('enterprises.id', '!=', exceptId);
  if (query.creditCode !== undefined) q = q.where('enterprises.credit_code', '=', query.creditCode);
  if (query.nameContains !== undefined) q = q.where('organisations.name', 'like', `%${query.nameContains}%`);
  return q.orderBy('organisations.name').orderBy('enterprises.id').limit(limit).execute();
}

export function findKeptAsset(db: AssetDb, enterpriseId: string, id: string) {
  return db
    .selectFrom('assets')
    .select(['id', 'code', 'name', 'kind', 'state'])
    .where('id', '=', id)
    .where((eb) => eb(eb.fn.coalesce('custodian_enterprise_id', 'enterprise_id'), '=', enterpriseId))
    .executeTakeFirst();
}

/** The accumulated total of one counter of an asset; 0 before its first reading. */
export async function counterTotal(db: AssetDb, assetId: string, counter: CounterKind): Promise<number> {
  const row = await findCounter(db, assetId, counter);
  return row ? Number(row.value) : 0;
}

/** Assets in service with plant, line and shot count, for the maintenance KPIs: those an enterprise keeps, or all. */
export async function assetsForKpis(db: AssetDb, keptBy: string | undefined, timeZone = DEFAULT_COUNTY_TIME_ZONE) {
  let query = db
    .selectFrom('assets')
    .leftJoin('plants', 'plants.id', 'assets.plant_id')
    .leftJoin('lines', 'lines.id', 'assets.line_id')
    .leftJoin('asset_counters', (join) =>
      join.onRef('asset_counters.asset_id', '=', 'assets.id').on('asset_counters.counter', '=', 'shots'),
    )
    .select([
      'assets.id',
      'assets.name',
      'assets.kind',
      'assets.plant_id',
      'plants.name as plant_name',
      'assets.line_id',
      'lines.name as line_name',
      'assets.enterprise_id',
      'assets.custodian_enterprise_id',
      'assets.design_life_shots',
      'assets.install_date',
      'assets.created_at',
      'asset_counters.value as shots',
    ])
    .where('assets.state', '!=', 'scrapped');
  if (keptBy) {
    query = query.where((eb) =>
      eb.or([
        eb('assets.custodian_enterprise_id', '=', keptBy),
        eb.and([eb('assets.custodian_enterprise_id', 'is', null), eb('assets.enterprise_id', '=', keptBy)]),
      ]),
    );
  }
  const midnights = new Map<string, number>(); // a county installs its machines on far fewer days than it has machines
  const midnight = (date: string) => midnights.get(date) ?? midnights.set(date, countyDayStart(date, timeZone).getTime()).get(date)!;
  return (await query.execute()).map((a) => ({
    id: a.id,
    name: a.name,
    kind: a.kind,
    plantId: a.plant_id,
    plantName: a.plant_name,
    lineId: a.line_id,
    lineName: a.line_name,
    enterpriseId: a.custodian_enterprise_id ?? a.enterprise_id,
    designLifeShots: a.design_life_shots,
    shots: a.shots === null ? null : Number(a.shots),
    // In service from its installation (the county's midnight), else from when it was registered.
    inServiceFrom: a.install_date ? midnight(a.install_date) : Date.parse(a.created_at),
  }));
}

// ---- sharing the summary with the county ----

export function findSharing(db: AssetDb, enterpriseId: string) {
  return db.selectFrom('asset_sharing').selectAll().where('enterprise_id', '=', enterpriseId).executeTakeFirst();
}

export async function upsertSharing(db: AssetDb, row: AssetSharingTable): Promise<void> {
  await db
    .insertInto('asset_sharing')
    .values(row)
    .onConflict((oc) =>
      oc.column('enterprise_id').doUpdateSet({ shared: row.shared, updated_at: row.updated_at, updated_by: row.updated_by }),
    )
    .execute();
}

/** The enterprises that chose to show the county their summary, with their names. */
export function sharingEnterprises(db: AssetDb) {
  return db
    .selectFrom('asset_sharing')
    .innerJoin('organisations', 'organisations.id', 'asset_sharing.enterprise_id')
    .select(['asset_sharing.enterprise_id as id', 'organisations.name as name'])
    .where('asset_sharing.shared', '=', 1)
    .orderBy('organisations.name')
    .execute();
}
