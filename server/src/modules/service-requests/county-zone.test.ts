// Direct service on the county's clock (COUNTY_TIME_ZONE, #14 item 7): the statistics' periods and months, the
// year in request numbers, the times in escalation notes and Open311's timestamps and zone-less dates are read
// in the county's zone, not on a fixed UTC+8; the SLA's working calendar stays China's. Ürümqi (UTC+6) tells
// the two apart: 17:00 UTC on 31 March is 23:00 on the 31st there and already 01:00 on 1 April in Beijing.
import { countyDateTime, type Actor, type StatisticsView } from '@tiantai/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { countyAdmin, enterprise } from '../../../test/factories';
import { createTestApp, type Client, type TestApp } from '../../../test/harness';
import { withTablesOf } from '../../db/connection';
import { NotificationService, type NotificationTables } from '../notifications';
import type { Open311Request } from './open311.service';
import { ServiceRequestService } from './service-requests.service';
import type { ServiceRequestTables } from './service-requests.tables';

const ZONE = 'Asia/Urumqi';
const filing = {
  categoryCode: 'construction',
  title: '厂房消防验收咨询',
  description: '新建厂房需要办理消防验收，请告知所需材料',
  contactName: '徐丽华',
  contactPhone: '13800000000',
};

describe.each(ENGINES)("direct service on the county's clock (Asia/Urumqi) on %s", (engine) => {
  let t: TestApp;
  let admin: Client;
  let filer: Actor;
  let clock = new Date();
  let service: ServiceRequestService;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false, config: { countyTimeZone: ZONE } });
    admin = await countyAdmin(t);
    const company = await enterprise(t.app, admin);
    filer = {
      userId: company.admin.userId,
      username: company.admin.username,
      role: 'enterprise_admin',
      organisationId: company.id,
      organisationKind: 'enterprise',
      via: 'session',
    };
    // The app's own service reads the zone from the config; this one files on a clock the test sets.
    service = new ServiceRequestService({
      db: withTablesOf<ServiceRequestTables>(t.db),
      notifications: new NotificationService({ db: withTablesOf<NotificationTables>(t.db) }),
      now: () => clock,
      timeZone: ZONE,
    });
  });
  afterAll(async () => t?.close());

  const fileAt = (iso: string) => {
    clock = new Date(iso);
    return service.create(filer, filing);
  };
  const statistics = async (query: string) => {
    const res = await admin.get(`/api/service-requests/statistics?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<StatisticsView>();
  };

  it("counts a request in the county's month and period: 23:00 on 31 March in Ürümqi is March", async () => {
    await fileAt('2026-03-31T17:00:00.000Z');
    const march = await statistics('from=2026-03-01&to=2026-03-31&groupBy=month');
    expect(march.total.received).toBe(1);
    expect(march.rows.map((r) => [r.key, r.received])).toEqual([['2026-03', 1]]);
    const april = await statistics('from=2026-04-01&to=2026-04-30&groupBy=month');
    expect(april.total.received).toBe(0);
    // The whole year: the month it falls in is the county's.
    const year = await statistics('from=2026-01-01&to=2026-12-31&groupBy=month');
    expect(year.rows.map((r) => r.key)).toEqual(['2026-03']);
  });

  it("numbers a request by the county's year, and writes the escalation's due time on its clock", async () => {
    // 23:00 on New Year's Eve in Ürümqi: still 2025 there (2026 in Beijing).
    const filed = await fileAt('2025-12-31T17:00:00.000Z');
    expect(filed.number).toMatch(/^ZT2025\d{6}$/);
    await service.runClock(new Date(Date.parse(filed.acceptDueAt!) + 60_000));
    const note = await t.db
      .selectFrom('request_events')
      .select('note')
      .where('request_id', '=', filed.id)
      .where('kind', '=', 'escalate')
      .executeTakeFirstOrThrow();
    expect(note.note).toBe(`逾期：应于 ${countyDateTime(filed.acceptDueAt!, ZONE)} 前办理`);
    // Not Beijing's wall time: the deadline is the same instant (China's calendar), read two hours earlier.
    expect(note.note).not.toContain(countyDateTime(filed.acceptDueAt!, 'Asia/Shanghai'));
  });

  it("answers Open311 times with the county's offset and reads dates without a zone on its clock", async () => {
    const filed = await fileAt('2026-05-31T17:00:00.000Z');
    const search = async (query: string) => {
      const res = await t.app.inject({ method: 'GET', url: `/open311/v2/requests.json?${query}` });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Open311Request[]>();
    };
    const [found] = await search(`service_request_id=${filed.number}`);
    expect(found?.requested_datetime).toBe('2026-05-31T23:00:00+06:00');
    expect(found?.expected_datetime).toMatch(/\+06:00$/);
    const numbers = async (query: string) => (await search(query)).map((r) => r.service_request_id);
    // A date alone is the county's whole day: 31 May in Ürümqi holds it, 1 June does not.
    expect(await numbers('start_date=2026-05-31&end_date=2026-05-31')).toContain(filed.number);
    expect(await numbers('start_date=2026-06-01&end_date=2026-06-01')).not.toContain(filed.number);
    // A time without a zone is the county's wall clock.
    expect(await numbers('start_date=2026-05-31T22:30:00&end_date=2026-05-31T23:30:00')).toContain(filed.number);
    expect(await numbers('start_date=2026-06-01T00:30:00&end_date=2026-06-01T01:30:00')).not.toContain(filed.number);
  });
});
