// NUL and the other control characters in text, on each engine (issue #13, item 8). PostgreSQL cannot hold a
// NUL: a search, an id or a field with one answered 500, and a gateway's device name with one was never
// acknowledged, so a QoS 1 gateway sent it for ever. Now the API refuses them with 400 VALIDATION_FAILED in
// one place (server/src/http/text-input.ts), checked here by a sweep over every operation of the OpenAPI
// document, and telemetry counts them as malformed and acknowledges them, over HTTP and over real MQTT.
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test/engines';
import { createTestApp, errorCode, login, type Client, type TestApp } from '../test/harness';
import { connect } from '../test/mosquitto';
import { startEmbeddedBroker, type EmbeddedBroker } from './mqtt/broker';
import { MAX_MQTT_PACKET_BYTES, embeddedBrokerHooks } from './modules/telemetry';
import { parseGatewayDevice, parseGatewayTelemetry, parseTelemetry } from './modules/telemetry/payload';
import { controlCharacterIn } from './http/text-input';

/** What no text field takes: NUL, the other C0 controls but tab, LF and CR, and DEL — alone and inside text. */
const BAD_TEXT = ['\u0000', 'a\u0000b', '\u0001', '\u0008', '\u000b', '\u000c', '\u001b[2J', '\u001f', 'x\u007f'];
/** What people type: Chinese, emoji (astral characters), tabs and line breaks of both kinds. */
const GOOD_TEXT = '仓库木托盘发现白蚁 🐜🏭\n第二行\t制表符\r\n第三行：“引号”、©、é';

describe('control characters (pure)', () => {
  it('finds C0 controls and DEL, and leaves tabs, line breaks, Chinese and emoji alone', () => {
    for (const bad of BAD_TEXT) expect(controlCharacterIn(bad), JSON.stringify(bad)).not.toBeNull();
    expect(controlCharacterIn('a\u0000b')).toBe('U+0000');
    expect(controlCharacterIn('x\u007f')).toBe('U+007F');
    expect(controlCharacterIn(GOOD_TEXT)).toBeNull();
    expect(controlCharacterIn('\u0085\u00a0\u2028')).toBeNull(); // C1, NBSP, line separator: text, not C0
  });

  it('refuses gateway device names, keys and text values with control characters as malformed', () => {
    const now = Date.now();
    const gateway = (body: unknown) => parseGatewayTelemetry(Buffer.from(JSON.stringify(body)), now);
    expect(gateway({ 'Press\u00007': { shots: 1 } })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(gateway({ 'Press\u001b7': { shots: 1 } })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(gateway({ '压机 7 号\t🏭': { shots: 1 } })).toMatchObject({ ok: true });
    expect(parseGatewayDevice(Buffer.from(JSON.stringify({ device: 'Press\u00007' })))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(parseGatewayDevice(Buffer.from(JSON.stringify({ device: '压机 7 号' })))).toMatchObject({ ok: true });
    const plain = (body: unknown) => parseTelemetry(Buffer.from(JSON.stringify(body)), now);
    expect(plain({ 'temp\u0000': 1 })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(plain({ temp: 1, note: 'hot\u0000' })).toMatchObject({ ok: false, reason: 'malformed' });
    expect(plain({ temp: 1, note: '过热 🔥\n' })).toMatchObject({ ok: true, value: [{ key: 'temp', value: 1 }] });
  });
});

// --- the OpenAPI document as a list of everything a client can send -----------------------------------------

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  $ref?: string;
  minItems?: number;
}

interface Operation {
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

/** A body shaped by `schema` whose every string (and a free-form object's key) is `text`. */
function bodyOf(schema: JsonSchema | undefined, text: string, spec: OpenApi, depth = 0): unknown {
  if (!schema || depth > 8) return text;
  if (schema.$ref) return bodyOf(spec.components?.schemas?.[schema.$ref.split('/').pop()!], text, spec, depth + 1);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) {
    const chosen = choices.find((c) => c.type !== 'null') ?? choices[0];
    return bodyOf(chosen, text, spec, depth + 1);
  }
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => bodyOf(s, text, spec, depth + 1) as object));
  if (schema.const !== undefined) return typeof schema.const === 'string' ? text : schema.const;
  if (schema.enum) return typeof schema.enum[0] === 'string' ? text : schema.enum[0];
  const type = [schema.type ?? (schema.properties ? 'object' : 'string')].flat().find((t) => t !== 'null');
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(schema.properties ?? {})) out[key] = bodyOf(child, text, spec, depth + 1);
      if (!schema.properties && schema.additionalProperties !== false) out.field = text;
      return out;
    }
    case 'array': {
      const items = schema.prefixItems ?? (Array.isArray(schema.items) ? schema.items : [schema.items]);
      return items.map((s) => bodyOf(s, text, spec, depth + 1));
    }
    case 'number':
    case 'integer':
      return 1;
    case 'boolean':
      return true;
    default:
      return text;
  }
}

interface Probe {
  method: Method;
  pattern: string;
  part: 'path' | 'query' | 'body';
  text: string;
  url: string;
  body?: unknown;
}

/** Placeholders for the parameters a probe does not aim at: well-formed, naming nothing. */
const PLACEHOLDER: Record<string, string> = { format: 'json', token: 'no-such-token-0000' };

/** Every operation of the document with control characters in its path parameters, its query and its JSON body. */
function probesOf(spec: OpenApi): Probe[] {
  const probes: Probe[] = [];
  for (const [pattern, operations] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = operations[method];
      if (!op) continue;
      const params = op.parameters ?? [];
      const pathNames = params.filter((p) => p.in === 'path').map((p) => p.name);
      const queryNames = params.filter((p) => p.in === 'query').map((p) => p.name);
      const urlWith = (value: (name: string) => string, query = '') =>
        pattern.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(value(name))) + query;
      const calm = (name: string) => PLACEHOLDER[name] ?? 'no-such-id-0000';
      BAD_TEXT.forEach((text, i) => {
        if (pathNames.length > 0) probes.push({ method, pattern, part: 'path', text, url: urlWith(() => text) });
        // Where the document declares no query, an unknown parameter still must not get through.
        const names = queryNames.length > 0 ? queryNames : ['q'];
        const query = `?${names.map((n) => `${encodeURIComponent(n)}=${encodeURIComponent(text)}`).join('&')}`;
        probes.push({ method, pattern, part: 'query', text, url: urlWith(calm, query) });
        if (method !== 'get') {
          const schema = op.requestBody?.content?.['application/json']?.schema;
          // Where no JSON body is documented, any JSON body is still parsed: it must not get through either.
          let body = schema ? bodyOf(schema, text, spec) : { note: text };
          // A body of numbers, booleans and enums only: the text goes into a field of its own.
          if (!JSON.stringify(body).includes(JSON.stringify(text).slice(1, -1))) body = { ...(body as object), note: text };
          probes.push({ method, pattern, part: 'body', text, url: urlWith(calm), body });
          // And one nested a level down in a free-form field, for the walk through objects and arrays.
          if (i === 0) probes.push({ method, pattern, part: 'body', text, url: urlWith(calm), body: { list: [{ deep: [text] }] } });
        }
      });
    }
  }
  // Should a probe get through, signing out must come last: the probes after it would only meet 401s.
  return probes.sort((a, b) => Number(a.pattern === '/api/auth/logout') - Number(b.pattern === '/api/auth/logout'));
}

/** The device HTTP API reads its body as raw bytes (payload.ts judges them): a JSON body there is the device's. */
const RAW_BODY = (pattern: string) => pattern.startsWith('/api/v1/');

describe.each(ENGINES)('control characters in text on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  let yinlun: Client;
  let shanhe: Client;
  let spec: OpenApi;

  beforeAll(async () => {
    t = await createTestApp(engine);
    admin = await login(t.app, 'admin');
    yinlun = await login(t.app, 'yinlun');
    shanhe = await login(t.app, 'shanhe');
    spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json<OpenApi>();
  });
  afterAll(async () => t?.close());

  it('answers a search for %00 in every list with 400 VALIDATION_FAILED naming q, not 500', async () => {
    const searchable = Object.entries(spec.paths)
      .filter(([pattern, ops]) => !pattern.includes('{') && ops.get?.parameters?.some((p) => p.in === 'query' && p.name === 'q'))
      .map(([pattern]) => pattern);
    expect(searchable).toEqual(expect.arrayContaining(['/api/telemetry/devices', '/api/enterprises', '/api/service-requests']));
    for (const url of searchable) {
      for (const who of [admin, yinlun]) {
        const res = await who.get(`${url}?q=%00`);
        expect([res.statusCode, errorCode(res)], `${who.username} ${url}`).toEqual([400, 'VALIDATION_FAILED']);
        expect(res.json().error.details, url).toEqual([{ path: '/q', message: expect.stringContaining('U+0000') }]);
        expect((await who.get(`${url}?q=a%00b`)).statusCode, url).toBe(400);
        expect((await who.get(`${url}?q=%1B`)).statusCode, url).toBe(400);
      }
    }
    // The same lists still search: a search of ordinary text, Chinese and emoji included, answers 200.
    for (const q of ['Press', '银轮', '🐜', 'a\tb'])
      expect((await yinlun.get(`/api/telemetry/devices?q=${encodeURIComponent(q)}`)).statusCode).toBe(200);
  });

  it('answers an id with %00 in the path with 400, not 500', async () => {
    const device = (await yinlun.get('/api/telemetry/devices')).json<Array<{ id: string }>>()[0]!;
    for (const url of [
      '/api/telemetry/devices/%00',
      `/api/telemetry/devices/${device.id}%00`,
      '/api/enterprises/%00',
      '/api/service-requests/%00',
      '/api/assets/%00',
      '/api/work-orders/%7F',
    ]) {
      const res = await yinlun.get(url);
      expect([res.statusCode, errorCode(res)], url).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.json().error.message, url).toMatch(/^Invalid params: \/\w+ contains the control character U\+00/);
    }
    // The device API's token is a path parameter too.
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/%00/telemetry', payload: { temp: 1 } });
    expect([res.statusCode, errorCode(res)]).toEqual([400, 'VALIDATION_FAILED']);
    // Unmatched URLs stay 404s.
    expect((await yinlun.get('/api/no-such-thing/%00')).statusCode).toBe(404);
  });

  it('refuses a JSON body whose text holds \\u0000 (or another control character) with 400 naming the field; nothing is created', async () => {
    const before = (await yinlun.get('/api/telemetry/devices')).json<unknown[]>().length;
    for (const name of ['压机\u00007 号', 'Press \u0007', '\u001b[31mred']) {
      const res = await yinlun.post('/api/telemetry/devices', { name });
      expect([res.statusCode, errorCode(res)], JSON.stringify(name)).toEqual([400, 'VALIDATION_FAILED']);
      expect(res.json().error.details).toEqual([{ path: '/name', message: expect.stringMatching(/control character U\+00/) }]);
    }
    // Deep in the body, and in a key: found all the same.
    const filing = { categoryCode: 'construction', title: '标题', description: '描述', contactName: '徐丽华', contactPhone: '13800000000' };
    const deep = await shanhe.post('/api/service-requests', { ...filing, extra: [{ note: ['ok', 'bad\u0000'] }] });
    expect([deep.statusCode, deep.json().error.details]).toEqual([400, [{ path: '/extra/0/note/1', message: expect.any(String) }]]);
    const key = await shanhe.post('/api/service-requests', { ...filing, 'a\u0000': 1 });
    expect([key.statusCode, key.json().error.details[0].path]).toEqual([400, '/a\\u0000']);
    expect((await yinlun.get('/api/telemetry/devices')).json<unknown[]>()).toHaveLength(before);
    // A body nested 100,000 deep is walked without recursion: a 400, not a stack overflow's 500.
    const depth = 100_000;
    for (const inner of ['"\\u0000"', '1']) {
      const nested = await yinlun.request('POST', '/api/telemetry/devices', `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`, {
        'content-type': 'application/json',
      });
      expect([nested.statusCode, errorCode(nested)], inner).toEqual([400, 'VALIDATION_FAILED']);
    }
    // Sign-in is text input too, and Open311 forms answer in their own error format.
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin\u0000', password: 'x' } });
    expect([signIn.statusCode, errorCode(signIn)]).toEqual([400, 'VALIDATION_FAILED']);
    const form = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'service_code=construction&description=%00',
    });
    expect(form.statusCode).toBe(400);
    expect(form.json()[0]).toMatchObject({ code: 400, description: expect.stringContaining('control character') });
  });

  it('refuses an upload whose x-filename decodes to a control character; the file is not stored', async () => {
    const filed = await shanhe.post('/api/service-requests', {
      categoryCode: 'construction',
      title: '附件名称',
      description: '附件',
      contactName: '徐丽华',
      contactPhone: '13800000000',
    });
    expect(filed.statusCode).toBe(201);
    const id = filed.json<{ id: string }>().id;
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const upload = (name: string) =>
      shanhe.request('POST', `/api/service-requests/${id}/attachments`, png, { 'content-type': 'image/png', 'x-filename': name });
    const bad = await upload('%00.png');
    expect([bad.statusCode, errorCode(bad)]).toEqual([400, 'VALIDATION_FAILED']);
    expect(bad.json().error.details).toEqual([{ path: '/x-filename', message: expect.stringContaining('U+0000') }]);
    expect((await shanhe.get(`/api/service-requests/${id}`)).json().attachments).toHaveLength(0);
    // A binary body full of NULs is a file, not text: taken.
    const ok = await upload(encodeURIComponent('白蚁 🐜.png'));
    expect(ok.statusCode).toBe(201);
    expect(ok.json().attachments[0]).toMatchObject({ filename: '白蚁 🐜.png', size: png.length });
  });

  it('takes real text: Chinese, emoji, tabs and line breaks are stored and read back as sent', async () => {
    const res = await shanhe.post('/api/service-requests', {
      categoryCode: 'construction',
      title: '白蚁防治 🐜 二号仓库',
      description: GOOD_TEXT,
      contactName: '徐丽华',
      contactPhone: '13800000000',
    });
    expect(res.statusCode).toBe(201);
    const stored = (await shanhe.get(`/api/service-requests/${res.json<{ id: string }>().id}`)).json();
    expect(stored).toMatchObject({ title: '白蚁防治 🐜 二号仓库', description: GOOD_TEXT });
    const found = (await shanhe.get(`/api/service-requests?q=${encodeURIComponent('🐜 二号')}`)).json<{ items: Array<{ id: string }> }>();
    expect(found.items.map((i) => i.id)).toContain(stored.id);
    const device = await yinlun.post('/api/telemetry/devices', { name: '压机 7 号 🏭' });
    expect(device.statusCode).toBe(201);
  });

  it('sweeps every operation of the OpenAPI document with control characters in path, query and body: 400s, and 0 answers of 500 or more', async () => {
    const probes = probesOf(spec);
    expect(new Set(probes.map((p) => p.pattern)).size).toBeGreaterThan(50);
    const failures: string[] = [];
    for (const probe of probes) {
      // An event stream that let a probe through would answer 200 and stay open: a probe has 5 s to be answered.
      let timer: NodeJS.Timeout | undefined;
      const silence = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 5_000)));
      const res = await Promise.race([admin.request(probe.method.toUpperCase() as 'GET', probe.url, probe.body), silence]);
      clearTimeout(timer);
      const what = `${probe.method.toUpperCase()} ${probe.pattern} ${probe.part} ${JSON.stringify(probe.text)}`;
      if (!res) {
        failures.push(`${what} → no answer in 5 s`);
        continue;
      }
      const label = `${what} → ${res.statusCode} ${res.body.slice(0, 160)}`;
      if (res.statusCode >= 500) failures.push(label);
      else if (res.statusCode !== 400 && !(probe.part === 'body' && RAW_BODY(probe.pattern))) failures.push(label);
    }
    expect(failures).toEqual([]);
  });

  describe('telemetry', () => {
    let broker: EmbeddedBroker;
    const clients: MqttClient[] = [];
    let gateway: { id: string; token: string };
    let plain: { id: string; token: string };
    const detail = async (id: string) => {
      await t.app.telemetry.ingest.flushCounts();
      return (await yinlun.get(`/api/telemetry/devices/${id}`)).json<{ counts: { rejectedMalformed: number; messages: number } }>();
    };
    const childrenOf = async (gatewayId: string) =>
      (await yinlun.get('/api/telemetry/devices'))
        .json<Array<{ name: string; gatewayId: string | null }>>()
        .filter((d) => d.gatewayId === gatewayId);

    beforeAll(async () => {
      const made = async (name: string, kind: 'gateway' | 'device') => {
        const res = (await yinlun.post('/api/telemetry/devices', { name, kind })).json();
        return { id: res.device.id as string, token: res.credentials.accessToken as string };
      };
      gateway = await made('控制字符网关', 'gateway');
      plain = await made('控制字符设备', 'device');
      // The platform's own broker and hooks, on a free port, over this app's ingest.
      broker = await startEmbeddedBroker({
        port: 0,
        host: '127.0.0.1',
        maxPacketBytes: MAX_MQTT_PACKET_BYTES,
        hooks: embeddedBrokerHooks(t.app.telemetry.ingest),
        log: t.app.log,
      });
    });
    afterAll(async () => {
      for (const c of clients) c.end(true);
      await broker?.close();
    });

    it('counts a gateway message whose device name holds a NUL as malformed and stores nothing', async () => {
      const ingest = t.app.telemetry.ingest;
      const gw = (await ingest.authenticate(gateway.token))!;
      const malformed = ingest.stats().malformed;
      for (const name of ['Press\u00007', '\u0000', 'Press\u001f']) {
        expect(await ingest.ingestGateway(gw, Buffer.from(JSON.stringify({ [name]: { shots: 1 } })))).toMatchObject({
          ok: false,
          reason: 'malformed',
        });
      }
      expect(await ingest.gatewayConnect(gw, Buffer.from(JSON.stringify({ device: 'Press\u00008' })))).toMatchObject({
        ok: false,
        reason: 'malformed',
      });
      expect(ingest.stats().malformed).toBe(malformed + 4);
      expect((await detail(gateway.id)).counts.rejectedMalformed).toBe(4);
      expect(await childrenOf(gateway.id)).toEqual([]);
      // A good name beside them is taken as before.
      expect(await ingest.ingestGateway(gw, Buffer.from(JSON.stringify({ '压机 7 号': { shots: 1 } })))).toEqual({ ok: true, points: 1 });
      expect((await childrenOf(gateway.id)).map((c) => c.name)).toEqual(['压机 7 号']);
    });

    it('counts HTTP telemetry with a control character in a key or a text value as malformed (400), nothing stored', async () => {
      const send = (body: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/${plain.token}/telemetry`,
          headers: { 'content-type': 'application/json' },
          payload: body,
        });
      const before = await detail(plain.id);
      for (const body of [{ 'temp\u0000': 1 }, { temp: 2, note: 'hot\u0000' }]) {
        const res = await send(JSON.stringify(body));
        expect([res.statusCode, errorCode(res)]).toEqual([400, 'VALIDATION_FAILED']);
      }
      const after = await detail(plain.id);
      expect(after.counts.rejectedMalformed).toBe(before.counts.rejectedMalformed + 2);
      expect(after.counts.messages).toBe(before.counts.messages);
    });

    it('acknowledges (PUBACK) a QoS 1 gateway message with a NUL device name over MQTT, counts it and keeps the connection', async () => {
      const url = `mqtt://127.0.0.1:${broker.port}`;
      const client = await connect(url, { username: gateway.token });
      clients.push(client);
      const before = (await detail(gateway.id)).counts.rejectedMalformed;
      // publishAsync resolves on the PUBACK; a message left unacknowledged would be redelivered for ever.
      const acked = client.publishAsync('v1/gateway/telemetry', JSON.stringify({ 'Press\u00009': { shots: 3 } }), { qos: 1 });
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise((_resolve, reject) => (timer = setTimeout(() => reject(new Error('no PUBACK in 10 s')), 10_000)));
      await Promise.race([acked, late]).finally(() => clearTimeout(timer));
      await client.publishAsync('v1/gateway/connect', JSON.stringify({ device: 'Press\u000010' }), { qos: 1 });
      expect(client.connected).toBe(true);
      expect((await detail(gateway.id)).counts.rejectedMalformed).toBe(before + 2);
      expect((await childrenOf(gateway.id)).map((c) => c.name)).toEqual(['压机 7 号']);
      // The connection still carries good messages.
      await client.publishAsync('v1/gateway/telemetry', JSON.stringify({ '压机 8 号': { shots: 4 } }), { qos: 1 });
      expect((await childrenOf(gateway.id)).map((c) => c.name).sort()).toEqual(['压机 7 号', '压机 8 号']);
    });
  });
});
