// Open311 GeoReport v2 driven as a third-party client drives it: raw URLs, form-encoded filing, JSON and
// XML read as text. The platform's own login is used only to issue API keys and to move requests on.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/engines';
import { createTestApp, login, type Client, type TestApp } from '../../../test/harness';

interface Open311Request {
  service_request_id: string;
  status: string;
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';
const CHINA_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

/** The text of every <tag> element of an XML answer, entities decoded; an empty element is ''. */
function xmlTexts(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>|<${tag}/>`, 'g'))].map((m) =>
    (m[1] ?? '').replace(/&(lt|gt|quot|apos|amp);/g, (e) => ENTITIES[e]!),
  );
}

/** An answer is the spec's error list, in the format the URL asked for, and nothing of our own error shape. */
function expectOpen311Error(res: LightMyRequestResponse, status: number, format: 'json' | 'xml' = 'json'): string {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.body).not.toContain('"error"');
  if (format === 'xml') {
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(res.body).toMatch(
      new RegExp(
        `^<\\?xml version="1\\.0" encoding="utf-8"\\?>\\s*<errors><error><code>${status}</code><description>[^<]+</description></error></errors>\\s*$`,
      ),
    );
    return xmlTexts(res.body, 'description')[0]!;
  }
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  const errors = res.json<Array<{ code: number; description: string }>>();
  expect(errors).toEqual([{ code: status, description: expect.any(String) }]);
  return errors[0]!.description;
}

describe.each(ENGINES)('Open311 GeoReport v2 on %s', (engine) => {
  let t: TestApp;
  let shanhe: Client;
  let yinlun: Client;
  let officer: Client;
  let zhujian: Client;
  const keys = { shanhe: '', yinlun: '', officer: '', zhujian: '' };

  beforeAll(async () => {
    // This suite files more than the public per-address limit allows in a minute (security.test.ts tests the limit).
    t = await createTestApp(engine, { rateLimits: { 'POST /open311/v2/requests.:format': { max: 1000, timeWindow: 60_000 } } });
    shanhe = await login(t.app, 'shanhe');
    yinlun = await login(t.app, 'yinlun');
    officer = await login(t.app, 'officer');
    zhujian = await login(t.app, 'zhujian');
    for (const [name, client] of [
      ['shanhe', shanhe],
      ['yinlun', yinlun],
      ['officer', officer],
      ['zhujian', zhujian],
    ] as const) {
      const res = await client.post('/api/api-tokens', { name: 'Open311 client' });
      expect(res.statusCode).toBe(201);
      keys[name] = res.json<{ token: string }>().token;
    }
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const postForm = (fields: Record<string, string>, format = 'json') =>
    t.app.inject({ method: 'POST', url: `/open311/v2/requests.${format}`, headers: FORM, payload: new URLSearchParams(fields).toString() });
  /** Files a request with a key and returns its service_request_id. */
  const file = async (key: string, fields: Record<string, string> = {}) => {
    const res = await postForm({
      api_key: key,
      service_code: 'construction',
      description: '厂区道路塌陷，需要住建部门查看',
      address_string: '天台县始丰街道工业园区',
      ...fields,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Array<{ service_request_id: string }>>()[0]!.service_request_id;
  };
  const requests = async (query: string, key?: string) => {
    const res = await get(`/open311/v2/requests.json?${query}${key ? `&api_key=${key}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Open311Request[]>();
  };
  const ids = (list: Open311Request[]) => list.map((r) => r.service_request_id);
  /** Our own view of a request, for what Open311 does not show (contact, title, uuid). */
  const internal = async (number: string) => {
    const page = (await officer.get(`/api/service-requests?q=${number}`)).json<{
      items: Array<Record<string, unknown> & { id: string; number: string }>;
    }>();
    const found = page.items.find((r) => r.number === number);
    expect(found).toBeDefined();
    return found!;
  };

  it('publishes discovery with the absolute endpoint URL, in JSON and XML', async () => {
    const json = await get('/open311/v2/discovery.json', { host: 'tiantai.example.gov.cn' });
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const discovery = json.json<{ changeset: string; contact: string; key_service: string; endpoints: Array<Record<string, unknown>> }>();
    expect(discovery.contact).toBeTruthy();
    expect(discovery.key_service).toBeTruthy();
    expect(discovery.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: 'http://tiantai.example.gov.cn/open311/v2',
        changeset: discovery.changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ]);

    const xml = await get('/open311/v2/discovery.xml', { host: 'tiantai.example.gov.cn' });
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body.startsWith(`${XML_DECLARATION}\n<discovery><changeset>`)).toBe(true);
    expect(xml.body).toContain('<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>');
    expect(xmlTexts(xml.body, 'url')).toEqual(['http://tiantai.example.gov.cn/open311/v2']);
    expect(xmlTexts(xml.body, 'format')).toEqual(['text/xml', 'application/json']);
  });

  it('lists our categories as services and defines each without custom attributes', async () => {
    const json = await get('/open311/v2/services.json');
    const services = json.json<Array<Record<string, unknown>>>();
    expect(services.length).toBeGreaterThanOrEqual(13);
    expect(services.find((s) => s.service_code === 'construction')).toEqual({
      service_code: 'construction',
      service_name: '建设与住房',
      description: expect.stringContaining('Construction & housing'),
      metadata: false,
      type: 'realtime',
      keywords: expect.stringContaining('建设与住房'),
      group: '县住房和城乡建设局',
    });

    const xml = await get('/open311/v2/services.xml');
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(xml.body.startsWith(`${XML_DECLARATION}\n<services><service><service_code>`)).toBe(true);
    expect(xmlTexts(xml.body, 'service_code')).toEqual(services.map((s) => s.service_code));
    // '&' in "Construction & housing" is escaped in XML and reads back as itself.
    expect(xml.body).toContain('Construction &amp; housing');
    expect(xmlTexts(xml.body, 'metadata').every((m) => m === 'false')).toBe(true);

    expect((await get('/open311/v2/services/land.json')).json()).toEqual({ service_code: 'land', attributes: [] });
    const definition = await get('/open311/v2/services/land.xml');
    expect(definition.body).toBe(
      `${XML_DECLARATION}\n<service_definition><service_code>land</service_code><attributes></attributes></service_definition>\n`,
    );
  });

  it('files a form-encoded request with an enterprise key and shows it in full to that enterprise', async () => {
    const description = '仓库木托盘发现白蚁，需要白蚁防治指导。\n面积约 <200㎡> & "急"，请尽快安排';
    const res = await postForm({
      api_key: keys.shanhe,
      service_code: 'construction',
      description,
      first_name: '丽华',
      last_name: '徐',
      phone: '13800000000',
      email: 'xu@shanhe.example',
      lat: '29.14',
      long: '121.03',
      address_string: '天台县始丰街道',
      address_id: 'TT-SF-0042',
      device_id: 'ios-7f3a',
      account_id: 'shanhe-erp-17',
      media_url: 'https://photos.shanhe.example/termites/1.jpg?size=large&v=2',
      'attribute[AREA]': '200',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const [created] = res.json<Array<{ service_request_id: string; service_notice: string; account_id: string }>>();
    expect(created).toEqual({
      service_request_id: expect.stringMatching(/^ZT\d{10}$/),
      service_notice: expect.any(String),
      account_id: shanhe.userId,
    });
    const number = created!.service_request_id;

    // Filed through the direct-service workflow, with the submitter as contact.
    const ours = await internal(number);
    expect(ours).toMatchObject({
      status: 'submitted',
      categoryCode: 'construction',
      enterpriseId: shanhe.organisationId,
      title: Array.from(description.replace(/\s+/g, ' ')).slice(0, 40).join(''),
      description,
      contactName: '徐丽华',
      contactPhone: '13800000000',
    });

    const mine = (await get(`/open311/v2/requests/${number}.json?api_key=${keys.shanhe}`)).json<Open311Request[]>();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      service_request_id: number,
      status: 'open',
      status_notes: '待受理',
      service_name: '建设与住房',
      service_code: 'construction',
      description,
      agency_responsible: null,
      // What the client sent comes back under the spec's names.
      address: '天台县始丰街道',
      address_id: 'TT-SF-0042',
      zipcode: null,
      lat: 29.14,
      long: 121.03,
      media_url: 'https://photos.shanhe.example/termites/1.jpg?size=large&v=2',
    });
    // The fields the spec's GET does not return are kept too.
    expect(
      await t.db
        .selectFrom('service_requests')
        .select(['email', 'device_id', 'account_id', 'lat', 'long'])
        .where('number', '=', number)
        .executeTakeFirstOrThrow(),
    ).toEqual({ email: 'xu@shanhe.example', device_id: 'ios-7f3a', account_id: 'shanhe-erp-17', lat: 29.14, long: 121.03 });
    for (const field of ['requested_datetime', 'updated_datetime', 'expected_datetime'] as const)
      expect(mine[0]![field]).toMatch(CHINA_TIME);
    // Our uuid finds it too, and an API token in the Authorization header works like api_key.
    const byUuid = await get(`/open311/v2/requests/${ours.id}.json`, { authorization: `Bearer ${keys.shanhe}` });
    expect(byUuid.json<Open311Request[]>()[0]).toMatchObject({ service_request_id: number, description });

    const xml = await get(`/open311/v2/requests/${number}.xml?api_key=${keys.shanhe}`);
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(
      xml.body.startsWith(
        `${XML_DECLARATION}\n<service_requests><request><service_request_id>${number}</service_request_id><status>open</status>`,
      ),
    ).toBe(true);
    expect(xml.body).toContain('&lt;200㎡&gt; &amp; &quot;急&quot;');
    expect(xmlTexts(xml.body, 'description')).toEqual([description]);
    expect(xmlTexts(xml.body, 'requested_datetime')[0]).toMatch(CHINA_TIME);
    expect(xmlTexts(xml.body, 'address')).toEqual(['天台县始丰街道']);
    expect(xmlTexts(xml.body, 'address_id')).toEqual(['TT-SF-0042']);
    expect(xmlTexts(xml.body, 'lat')).toEqual(['29.14']);
    expect(xmlTexts(xml.body, 'long')).toEqual(['121.03']);
    expect(xmlTexts(xml.body, 'media_url')).toEqual(['https://photos.shanhe.example/termites/1.jpg?size=large&v=2']);
    expect(xml.body).toContain('<media_url>https://photos.shanhe.example/termites/1.jpg?size=large&amp;v=2</media_url>');
    // The list shows the same, in both formats.
    expect((await requests(`service_request_id=${number}`, keys.shanhe))[0]).toMatchObject({ address: '天台县始丰街道', lat: 29.14 });
    const listXml = await get(`/open311/v2/requests.xml?service_request_id=${number}&api_key=${keys.shanhe}`);
    expect(xmlTexts(listXml.body, 'address')).toEqual(['天台县始丰街道']);
    // The public sees neither where the enterprise is nor its photo.
    const publicView = await get(`/open311/v2/requests/${number}.json`);
    expect(publicView.json<Open311Request[]>()[0]).toMatchObject({
      address: null,
      address_id: null,
      lat: null,
      long: null,
      media_url: null,
    });
    for (const secret of ['始丰街道', 'TT-SF-0042', '29.14', 'photos.shanhe']) expect(publicView.body).not.toContain(secret);

    // Created synchronously: the token is the request's id.
    expect((await get(`/open311/v2/tokens/${number}.json`)).json()).toEqual([{ service_request_id: number, token: number }]);
    expect(xmlTexts((await get(`/open311/v2/tokens/${number}.xml`)).body, 'service_request_id')).toEqual([number]);
  });

  it('accepts a JSON body and answers a filing in XML', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      payload: { api_key: keys.yinlun, service_code: 'power', description: '新厂房需要增容 800kVA', lat: 29.1, long: 121.0 },
    });
    expect(json.statusCode, json.body).toBe(200);
    expect(json.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(json.body).toMatch(
      /^<\?xml version="1\.0" encoding="utf-8"\?>\s*<service_requests><request><service_request_id>ZT\d{10}<\/service_request_id><service_notice>[^<]+<\/service_notice><account_id>[^<]+<\/account_id><\/request><\/service_requests>/,
    );
    // Without a name or phone, the contact is the key's user and the phone says it was not given.
    const number = xmlTexts(json.body, 'service_request_id')[0]!;
    const ours = await internal(number);
    expect(ours).toMatchObject({ contactName: '银轮 设备部 金伟民', contactPhone: '未提供', categoryCode: 'power' });
    // JSON numbers for lat/long are kept as numbers.
    expect((await requests(`service_request_id=${number}`, keys.yinlun))[0]).toMatchObject({ lat: 29.1, long: 121, address: null });
  });

  it('requires a location, as the spec does, and checks what it keeps', async () => {
    const filing = { api_key: keys.shanhe, service_code: 'construction', description: '厂区围墙倒塌' };
    // No location at all: lat+long, address_string or address_id is required.
    for (const fields of [{}, { address_string: '   ' }, { email: 'xu@shanhe.example' }] as Array<Record<string, string>>) {
      expect(expectOpen311Error(await postForm({ ...filing, ...fields }), 400)).toMatch(/^location_required: /);
    }
    expect(expectOpen311Error(await postForm(filing, 'xml'), 400, 'xml')).toMatch(/^location_required: /);
    const json = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { ...filing, media_url: 'https://a.example/1.jpg' },
    });
    expect(expectOpen311Error(json, 400)).toMatch(/^location_required: .*lat and long, address_string or address_id/);

    // Half a coordinate pair, or one out of range or not a number.
    for (const fields of [
      { lat: '29.14' },
      { long: '121.03', address_string: '天台县' },
      { lat: '91', long: '121' },
      { lat: '29', long: '-180.5' },
      { lat: 'north', long: '121' },
      { lat: '0x1d', long: '121' },
      { lat: 'Infinity', long: '121' },
    ] as Array<Record<string, string>>) {
      expect(expectOpen311Error(await postForm({ ...filing, ...fields }), 400), JSON.stringify(fields)).toMatch(/^invalid_location: /);
    }
    // An email that is not one; a media_url that is not an http(s) URL, or too long to keep.
    for (const [fields, field] of [
      [{ email: 'not-an-email' }, 'email'],
      [{ media_url: 'javascript:alert(1)' }, 'media_url'],
      [{ media_url: 'ftp://files.example/1.jpg' }, 'media_url'],
      [{ media_url: 'photos/1.jpg' }, 'media_url'],
      [{ media_url: `https://photos.example/${'a'.repeat(2049 - 'https://photos.example/'.length)}` }, 'media_url'],
      [{ address_string: '路'.repeat(501) }, 'address_string'],
    ] as const) {
      const description = expectOpen311Error(await postForm({ ...filing, address_id: 'TT-1', ...fields }), 400);
      expect(description).toMatch(new RegExp(`^invalid_field: ${field}: `));
    }
    expect(await t.db.selectFrom('service_requests').select('id').where('description', '=', '厂区围墙倒塌').execute()).toEqual([]);

    // Any one of the three is enough; a media_url of exactly 2048 characters is kept as given.
    const longUrl = `https://photos.example/${'a'.repeat(2048 - 'https://photos.example/'.length)}`;
    const byPoint = await file(keys.shanhe, { address_string: '', lat: '-0.5', long: '-179.99', media_url: longUrl });
    const byId = await file(keys.shanhe, { address_string: '', address_id: 'TT-SF-0042' });
    const [point, id] = await requests(`service_request_id=${byPoint},${byId}`, keys.shanhe).then((list) => [
      list.find((r) => r.service_request_id === byPoint)!,
      list.find((r) => r.service_request_id === byId)!,
    ]);
    expect(point).toMatchObject({ lat: -0.5, long: -179.99, address: null, address_id: null, media_url: longUrl });
    expect(id).toMatchObject({ lat: null, long: null, address: null, address_id: 'TT-SF-0042', media_url: null });
  });

  it('files only for the key’s own enterprise, whatever account_id the client sends', async () => {
    const number = await file(keys.shanhe, { account_id: yinlun.userId, device_id: yinlun.organisationId, address_string: '山河厂区' });
    const ours = await internal(number);
    expect(ours.enterpriseId).toBe(shanhe.organisationId);
    const stored = await t.db
      .selectFrom('service_requests')
      .select(['enterprise_id', 'account_id'])
      .where('number', '=', number)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ enterprise_id: shanhe.organisationId, account_id: yinlun.userId });
    // The other enterprise named in account_id sees nothing of it; the filer sees it in full.
    expectOpen311Error(await get(`/open311/v2/requests/${number}.json?api_key=${keys.yinlun}`), 404);
    expect(ids(await requests(`service_request_id=${number}`, keys.yinlun))).toEqual([]);
    expect((await requests(`service_request_id=${number}`, keys.shanhe))[0]).toMatchObject({ address: '山河厂区' });
  });

  it('answers at most 90 days of requests: by default the last 90, and no longer window', async () => {
    // Exactly 90 days (whole days in China time) is the most a window may span.
    expect(ids(await requests('start_date=2026-01-01&end_date=2026-03-31'))).toEqual(expect.any(Array));
    const now = Date.now();
    const china = (ms: number) => encodeURIComponent(`${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`);
    await requests(`start_date=${china(now - 90 * 86_400_000)}&end_date=${china(now)}`);
    for (const query of [
      'start_date=2026-01-01&end_date=2026-04-01',
      `start_date=${china(now - 91 * 86_400_000)}&end_date=${china(now)}`,
      'start_date=2025-01-01T00:00:00Z&end_date=2026-01-01T00:00:00Z',
    ]) {
      const description = expectOpen311Error(await get(`/open311/v2/requests.json?${query}`), 400);
      expect(description).toMatch(/^date_window_too_long: start_date to end_date spans \d+ days; the window may not exceed 90 days/);
    }
    expect(expectOpen311Error(await get('/open311/v2/requests.xml?start_date=2026-01-01&end_date=2026-12-31'), 400, 'xml')).toMatch(
      /^date_window_too_long: .*365 days/,
    );
    // service_request_id overrides the dates, so an over-long window beside it is not an error.
    await requests('service_request_id=ZT1999000001&start_date=2025-01-01&end_date=2026-12-31');

    // No dates: the last 90 days of the demo county's year of requests, nothing older.
    const all = await requests('status=open,closed', keys.officer);
    expect(all.length).toBeGreaterThan(0);
    const oldest = Math.min(...all.map((r) => Date.parse(r.requested_datetime)));
    expect(oldest).toBeGreaterThanOrEqual(now - 90 * 86_400_000 - 1000);
  });

  it('dates each demo request’s updated_datetime at its last event, not at the demo’s loading', async () => {
    const rows = await t.db
      .selectFrom('service_requests')
      .innerJoin('request_events', 'request_events.request_id', 'service_requests.id')
      .select([
        'service_requests.id',
        'service_requests.number',
        'service_requests.updated_at',
        'request_events.at',
        'request_events.actor_user_id',
        'request_events.kind',
      ])
      .execute();
    const demo = new Map<string, { number: string; updated: string; last: string }>();
    const filedHere = new Set(rows.filter((r) => r.actor_user_id !== null).map((r) => r.id));
    for (const r of rows) {
      // The clock job's escalation is a notice about the request, not a change to it.
      if (filedHere.has(r.id) || r.kind === 'escalate') continue;
      const seen = demo.get(r.id);
      if (!seen || r.at > seen.last) demo.set(r.id, { number: r.number, updated: r.updated_at, last: r.at });
    }
    expect(demo.size).toBeGreaterThan(1000);
    for (const { number, updated, last } of demo.values()) expect(updated, number).toBe(last);

    // As a client reads it: closed requests were last updated when rated, after they were filed, at many moments.
    const closed = await requests('status=closed', keys.officer);
    const demoClosed = closed.filter((r) => [...demo.values()].some((d) => d.number === r.service_request_id));
    expect(demoClosed.length).toBeGreaterThan(10);
    for (const r of demoClosed) expect(Date.parse(r.updated_datetime)).toBeGreaterThan(Date.parse(r.requested_datetime));
    expect(new Set(demoClosed.map((r) => r.updated_datetime)).size).toBeGreaterThan(demoClosed.length / 2);
  });

  it('shows the public and other enterprises none of an enterprise’s words', async () => {
    const description = '山河包装箱内部扩产计划，涉及商业秘密';
    const number = await file(keys.shanhe, { description, first_name: '丽华', last_name: '徐', phone: '13811112222' });
    const secrets = [description, '山河', '徐丽华', '13811112222'];

    const single = await get(`/open311/v2/requests/${number}.json`);
    expect(single.json<Open311Request[]>()[0]).toMatchObject({
      service_request_id: number,
      status: 'open',
      description: null,
      status_notes: '待受理',
    });
    const list = await get(`/open311/v2/requests.json?service_request_id=${number}`);
    const xml = await get(`/open311/v2/requests/${number}.xml`);
    expect(xmlTexts(xml.body, 'description')).toEqual(['']);
    for (const body of [single.body, list.body, xml.body]) for (const secret of secrets) expect(body).not.toContain(secret);
    const everything = await requests('status=open,closed');
    expect(everything.every((r) => r.description === null)).toBe(true);

    // Another enterprise's key, and a department not handling it, do not see it at all.
    expectOpen311Error(await get(`/open311/v2/requests/${number}.json?api_key=${keys.yinlun}`), 404);
    expectOpen311Error(await get(`/open311/v2/requests/${number}.xml?api_key=${keys.yinlun}`), 404, 'xml');
    expectOpen311Error(await get(`/open311/v2/tokens/${number}.json?api_key=${keys.yinlun}`), 404);
    expect(ids(await requests(`service_request_id=${number}`, keys.yinlun))).toEqual([]);
    expectOpen311Error(await get(`/open311/v2/requests/${number}.json?api_key=${keys.zhujian}`), 404);
    // The county office sees everything in full.
    expect((await get(`/open311/v2/requests/${number}.json?api_key=${keys.officer}`)).json<Open311Request[]>()[0]!.description).toBe(
      description,
    );
  });

  it('filters the list by id, service, status and date window', async () => {
    const a = await file(keys.shanhe, { service_code: 'construction' });
    const b = await file(keys.shanhe, { service_code: 'tax', description: '研发费用加计扣除政策咨询' });
    const c = await file(keys.yinlun, { service_code: 'construction' });

    // service_request_id overrides every other argument; newest first.
    expect(ids(await requests(`service_request_id=${a},${b}&status=closed&service_code=land`))).toEqual([b, a]);
    const own = await requests(`service_request_id=${a},${b},${c}`, keys.shanhe);
    expect(ids(own)).toEqual([b, a]);
    expect(own.every((r) => r.description !== null)).toBe(true);
    expect(ids(await requests(`service_request_id=${a},${b},${c}`, keys.officer))).toEqual([c, b, a]);

    const tax = await requests('service_code=tax&status=open');
    expect(ids(tax)).toContain(b);
    expect(ids(tax)).not.toContain(a);
    expect(tax.every((r) => r.service_code === 'tax' && r.status === 'open')).toBe(true);
    expect(ids(await requests('service_code=tax,construction'))).toEqual(expect.arrayContaining([a, b, c]));
    const closed = await requests('status=closed');
    expect(closed.every((r) => r.status === 'closed')).toBe(true);
    expect(ids(closed)).not.toContain(a);

    // An enterprise's key lists only its own requests, in full.
    const shanheList = await requests('status=open', keys.shanhe);
    expect(ids(shanheList)).toEqual(expect.arrayContaining([a, b]));
    expect(ids(shanheList)).not.toContain(c);
    expect(shanheList.every((r) => r.description !== null)).toBe(true);

    // The default window is the last 90 days: a request filed 120 days ago needs an explicit start_date.
    const filedAt = new Date(Date.now() - 120 * 24 * 3_600_000);
    await t.db.updateTable('service_requests').set({ submitted_at: filedAt.toISOString() }).where('number', '=', c).execute();
    expect(ids(await requests('service_code=construction'))).not.toContain(c);
    const china = (d: Date) => `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
    const from = china(new Date(filedAt.getTime() - 60_000));
    const to = china(new Date(filedAt.getTime() + 60_000));
    expect(ids(await requests(`start_date=${encodeURIComponent(from)}&end_date=${encodeURIComponent(to)}`))).toContain(c);
    // A client that forgets to encode '+' (it arrives as a space) is understood, and UTC 'Z' works too.
    expect(ids(await requests(`start_date=${from}&end_date=${to}`))).toContain(c);
    const utc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(
      ids(await requests(`start_date=${utc(new Date(filedAt.getTime() - 60_000))}&end_date=${utc(new Date(filedAt.getTime() + 60_000))}`)),
    ).toContain(c);
    expect(await requests(`start_date=${encodeURIComponent(china(new Date(Date.now() + 86_400_000)))}`)).toEqual([]);
    for (const r of await requests('status=open')) {
      expect(r.requested_datetime).toMatch(CHINA_TIME);
      expect(r.updated_datetime).toMatch(CHINA_TIME);
    }
  });

  it('closes a request the office rejects, giving the reason to its enterprise only', async () => {
    const number = await file(keys.shanhe, { service_code: 'other', description: '请求协调邻厂噪音问题' });
    const reason = '属于民事纠纷，不属于企业直通服务受理范围';
    const rejected = await officer.post(`/api/service-requests/${(await internal(number)).id}/actions`, { action: 'reject', reason });
    expect(rejected.statusCode, rejected.body).toBe(200);

    const mine = (await get(`/open311/v2/requests/${number}.json?api_key=${keys.shanhe}`)).json<Open311Request[]>()[0]!;
    expect(mine).toMatchObject({ status: 'closed', status_notes: reason });
    expect(mine.updated_datetime).toMatch(CHINA_TIME);
    const publicView = await get(`/open311/v2/requests/${number}.json`);
    expect(publicView.json<Open311Request[]>()[0]).toMatchObject({ status: 'closed', status_notes: '不予受理', description: null });
    expect(publicView.body).not.toContain(reason);
    expect(ids(await requests('status=closed'))).toContain(number);
    expect(ids(await requests('status=open'))).not.toContain(number);
  });

  it('gives the enterprise and the handling department the department’s answer', async () => {
    const number = await file(keys.shanhe, { description: '厂房加层审批需要哪些材料' });
    const id = (await internal(number)).id;
    const departments = (await officer.get('/api/departments')).json<Array<{ id: string; shortName: string }>>();
    const lead = departments.find((d) => d.shortName === '住建局')!.id;
    const answer = '需提交结构安全鉴定报告和规划许可，窗口当日受理';
    for (const [who, body] of [
      [officer, { action: 'accept', phoneContact: '已电话确认加层面积' }],
      [officer, { action: 'dispatch', leadDepartmentId: lead, coDepartmentIds: [] }],
      [zhujian, { action: 'sign' }],
      [zhujian, { action: 'start' }],
      [zhujian, { action: 'answer', answer }],
    ] as const) {
      const res = await who.post(`/api/service-requests/${id}/actions`, body);
      expect(res.statusCode, res.body).toBe(200);
    }
    const ours = await internal(number);

    const mine = (await get(`/open311/v2/requests/${number}.json?api_key=${keys.shanhe}`)).json<Open311Request[]>()[0]!;
    expect(mine).toMatchObject({ status: 'open', status_notes: answer, agency_responsible: '县住房和城乡建设局' });
    // The expected time is the answer's due time, to the second as Open311 writes times (a due time
    // counted from a moment inside working hours keeps that moment's milliseconds).
    expect(Date.parse(mine.expected_datetime!)).toBe(Math.floor(Date.parse(String(ours.answerDueAt)) / 1000) * 1000);
    const department = (await get(`/open311/v2/requests/${number}.json?api_key=${keys.zhujian}`)).json<Open311Request[]>()[0]!;
    expect(department).toMatchObject({ status_notes: answer, description: '厂房加层审批需要哪些材料' });
    const publicView = await get(`/open311/v2/requests/${number}.json`);
    expect(publicView.json<Open311Request[]>()[0]).toMatchObject({
      status_notes: '已答复，待企业评价',
      agency_responsible: '县住房和城乡建设局',
    });
    expect(publicView.body).not.toContain(answer);
  });

  it('answers every error with the spec’s status and error list', async () => {
    const filing = { service_code: 'construction', description: '测试诉求', address_string: '天台县' };
    // 403: the api_key is missing, unknown, or not an enterprise's.
    expectOpen311Error(await postForm(filing), 403);
    expectOpen311Error(await postForm(filing, 'xml'), 403, 'xml');
    expectOpen311Error(await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json' }), 403);
    expectOpen311Error(await postForm({ ...filing, api_key: 'tt_not-a-real-token' }), 403);
    expectOpen311Error(await postForm({ ...filing, api_key: 'tt_not-a-real-token' }, 'xml'), 403, 'xml');
    expect(expectOpen311Error(await postForm({ ...filing, api_key: keys.zhujian }), 403)).toMatch(/enterprise/);
    expectOpen311Error(await postForm({ ...filing, api_key: keys.officer }), 403);
    expectOpen311Error(await get('/open311/v2/requests.json?api_key=tt_not-a-real-token'), 403);
    expectOpen311Error(await get('/open311/v2/requests.json', { authorization: 'Bearer tt_not-a-real-token' }), 403);

    // 400: what the filing lacks; 404: a service that does not exist (the spec's error for service_code).
    expect(expectOpen311Error(await postForm({ api_key: keys.shanhe, service_code: 'construction' }), 400)).toMatch(/description/);
    expectOpen311Error(await postForm({ api_key: keys.shanhe, service_code: 'construction', description: '   ' }, 'xml'), 400, 'xml');
    expect(expectOpen311Error(await postForm({ api_key: keys.shanhe, description: '测试' }), 400)).toMatch(/service_code/);
    expect(expectOpen311Error(await postForm({ api_key: keys.shanhe, service_code: 'potholes', description: '测试' }), 404)).toMatch(
      /potholes/,
    );
    expect(expectOpen311Error(await postForm({ ...filing, api_key: keys.shanhe, description: 'x'.repeat(5001) }), 400)).toMatch(
      /description/,
    );
    expect(expectOpen311Error(await postForm({ ...filing, api_key: keys.shanhe, phone: '1'.repeat(40) }), 400)).toMatch(/phone/);
    expectOpen311Error(
      await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/json' },
        payload: '{"api_key":',
      }),
      400,
    );

    // 400: arguments that cannot be read.
    expect(expectOpen311Error(await get('/open311/v2/requests.json?status=pending'), 400)).toMatch(/status/);
    expectOpen311Error(await get('/open311/v2/requests.xml?status=open,pending'), 400, 'xml');
    expect(expectOpen311Error(await get('/open311/v2/requests.json?start_date=yesterday'), 400)).toMatch(/start_date/);
    expect(expectOpen311Error(await get('/open311/v2/requests.json?end_date=2026-02-30'), 400)).toMatch(/end_date/);
    expectOpen311Error(await get('/open311/v2/requests.json?start_date=2026-06-15T25:00:00Z'), 400);
    expectOpen311Error(await get('/open311/v2/requests.json?start_date=2026-06-02&end_date=2026-06-01'), 400);

    // 404: what does not exist.
    expectOpen311Error(await get('/open311/v2/requests/ZT1999000001.json'), 404);
    expectOpen311Error(await get('/open311/v2/requests/ZT1999000001.xml'), 404, 'xml');
    expectOpen311Error(await get('/open311/v2/services/potholes.json'), 404);
    expectOpen311Error(await get('/open311/v2/services/potholes.xml'), 404, 'xml');
    expectOpen311Error(await get('/open311/v2/tokens/ZT1999000001.json'), 404);
    expectOpen311Error(await get('/open311/v2/tokens/ZT1999000001.xml'), 404, 'xml');
    expectOpen311Error(await get('/open311/v2/reports.json'), 404);
    expectOpen311Error(await get('/open311/v2/requests'), 404);
    expectOpen311Error(await t.app.inject({ method: 'DELETE', url: '/open311/v2/requests.xml' }), 404, 'xml');

    // 400: a format other than json and xml.
    expect(expectOpen311Error(await get('/open311/v2/services.csv'), 400)).toMatch(/csv/);
    expectOpen311Error(await get('/open311/v2/discovery.html'), 400);
    expectOpen311Error(await postForm({ ...filing, api_key: keys.shanhe }, 'csv'), 400);
  });
});
