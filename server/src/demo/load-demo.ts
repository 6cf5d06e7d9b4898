// Loads the demo county on first start: the register from the seed and one account per role.
// Each module's loader (modules/<name>/<name>.demo.ts) is reached here directly, not through the module's
// public index: the demo is no part of a module's API (lint lets only this folder import *.demo files).
// Guarded by an app_state row claimed in the same transaction, so two instances starting together load it once.
import type { Role } from '@tiantai/shared';
import { PostgresAdapter, type Kysely } from 'kysely';
import { withTablesOf } from '../db/connection';
import type { AssetTables } from '../modules/assets';
import { loadAssetDemo } from '../modules/assets/assets.demo';
import { claimAppState, createOrganisation, provisionUser, setPasswords, type IdentityTables } from '../modules/identity';
import type { MaintenanceTables } from '../modules/maintenance';
import { loadMaintenanceDemo } from '../modules/maintenance/maintenance.demo';
import type { ProjectTables } from '../modules/projects';
import { loadProjectDemo } from '../modules/projects/projects.demo';
import type { TargetTables } from '../modules/targets';
import { loadTargetDemo } from '../modules/targets/targets.demo';
import type { RegistryTables } from '../modules/registry';
import { loadRegistryDemo } from '../modules/registry/registry.demo';
import type { ServiceRequestTables } from '../modules/service-requests';
import { loadServiceRequestDemo } from '../modules/service-requests/service-requests.demo';
import type { TelemetryTables } from '../modules/telemetry';
import { loadTelemetryDemo } from '../modules/telemetry/telemetry.demo';
import { planMachineHistory } from './history';

/**
 * The demo accounts' password as the README publishes it. The identity module accepts it only from this
 * machine; DEMO_PASSWORD replaces it on every demo account for sign-ins from elsewhere.
 */
export const PUBLISHED_DEMO_PASSWORD = 'Tiantai@2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  /** Which organisation: the county, a department's short name, or an enterprise key of the registry demo. */
  organisation: { county: true } | { department: string } | { enterprise: string };
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '经信局 管理员', role: 'county_admin', organisation: { county: true } },
  { username: 'officer', displayName: '直通办 王晓东', role: 'service_officer', organisation: { county: true } },
  { username: 'leader', displayName: '县领导 陈建国', role: 'county_viewer', organisation: { county: true } },
  { username: 'zhujian', displayName: '住建局 许海波', role: 'department_handler', organisation: { department: '住建局' } },
  { username: 'yinlun', displayName: '银轮 设备部 金伟民', role: 'enterprise_admin', organisation: { enterprise: 'yinlun' } },
  { username: 'yinlun.tech', displayName: '银轮 维修技师 林志强', role: 'enterprise_member', organisation: { enterprise: 'yinlun' } },
  { username: 'shanhe', displayName: '山河包装箱 徐丽华', role: 'enterprise_admin', organisation: { enterprise: 'shanhe' } },
];

const DEMO_KEY = 'demo_data_loaded';

/** Returns true if this call loaded the demo, false if it was already there. */
/** `at` is the demo's today (tests load it on a chosen day). */
export async function loadDemoData(db: Kysely<IdentityTables>, at = new Date()): Promise<boolean> {
  const now = at.toISOString();
  return db.transaction().execute(async (trx) => {
    if (!(await claimAppState(trx, DEMO_KEY, now))) return false;
    const countyId = await createOrganisation(trx, 'county', '天台县人民政府');
    const registry = await loadRegistryDemo(withTablesOf<RegistryTables>(trx), now);
    await loadAssetDemo(withTablesOf<AssetTables>(trx), registry.enterpriseIds, new Date(now));
    for (const account of DEMO_ACCOUNTS) {
      const o = account.organisation;
      const organisationId =
        'county' in o ? countyId : 'department' in o ? registry.departmentIds[o.department] : registry.enterpriseIds[o.enterprise];
      if (!organisationId) throw new Error(`demo account ${account.username}: unknown organisation`);
      await provisionUser(trx, {
        organisationId,
        username: account.username,
        displayName: account.displayName,
        role: account.role,
        password: PUBLISHED_DEMO_PASSWORD,
      });
    }
    // The machines' last 30 days (and the year's repairs), decided once for the orders and the devices alike.
    const equipment = await withTablesOf<AssetTables>(trx)
      .selectFrom('assets')
      .select(['id', 'enterprise_id', 'custodian_enterprise_id', 'code', 'name', 'state', 'press'])
      .where('kind', '=', 'equipment')
      .where('state', '!=', 'scrapped')
      .orderBy('code')
      .execute();
    const history = planMachineHistory(
      equipment.map((a) => ({
        assetId: a.id,
        enterpriseId: a.custodian_enterprise_id ?? a.enterprise_id,
        code: a.code,
        name: a.name,
        lifecycle: a.state,
        press: Number(a.press) === 1,
      })),
      at.getTime(),
    );
    // After the accounts: the requests' timeline names the office's officer.
    await loadMaintenanceDemo(withTablesOf<MaintenanceTables>(trx), new Date(now), history);
    const engine = trx.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
    await loadTelemetryDemo(withTablesOf<TelemetryTables & IdentityTables>(trx), history, engine);
    await loadServiceRequestDemo(withTablesOf<ServiceRequestTables>(trx), registry.departmentIds, new Date(now));
    await loadProjectDemo(withTablesOf<ProjectTables>(trx), registry, new Date(now));
    await loadTargetDemo(withTablesOf<TargetTables>(trx), registry.departmentIds, new Date(now));
    return true;
  });
}

/** DEMO_PASSWORD: the password of every demo account, set at each start (an evaluation's scripts know it). */
export async function applyDemoPassword(db: Kysely<IdentityTables>, password: string): Promise<number> {
  return setPasswords(
    db,
    DEMO_ACCOUNTS.map((a) => a.username),
    password,
  );
}
