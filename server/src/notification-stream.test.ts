// Notifications arrive live over server-sent events, on a real port, as a browser's EventSource gets them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test/engines';
import { startTestPlatform, type TestPlatform } from '../test/platform';
import { openSse } from '../test/sse';

describe.each(ENGINES)('live notifications on %s', (engine) => {
  let server: TestPlatform;
  let base: string;
  beforeAll(async () => {
    server = await startTestPlatform(engine);
    base = server.base;
  });
  afterAll(async () => {
    await server?.close();
  });

  async function session(username: string) {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'Tiantai@2026' }),
    });
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return {
      cookie: res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
      csrfToken,
    };
  }

  it('keeps at most ten open streams per user on each kind of stream, and frees a slot when one closes', async () => {
    const officer = await session('officer');
    for (const path of ['/api/notifications/stream', '/api/realtime/stream']) {
      const open = await Promise.all(Array.from({ length: 10 }, () => openSse(`${base}${path}`, { cookie: officer.cookie })));
      expect(open.map((s) => s.status)).toEqual(Array(10).fill(200));
      const eleventh = await fetch(`${base}${path}`, { headers: { cookie: officer.cookie } });
      expect(eleventh.status).toBe(429);
      expect(((await eleventh.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
      // Another user is not counted against the officer.
      const other = await openSse(`${base}${path}`, { cookie: (await session('leader')).cookie });
      expect(other.status).toBe(200);
      other.close();
      open[0]!.close();
      await expect
        .poll(async () => {
          const again = await fetch(`${base}${path}`, { headers: { cookie: officer.cookie } });
          void again.body?.cancel();
          return again.status;
        })
        .toBe(200);
      for (const s of open) s.close();
    }
  });

  it('pushes a new request to the office the moment an enterprise files it', async () => {
    const officer = await session('officer');
    const shanhe = await session('shanhe');
    const abort = new AbortController();
    const stream = await fetch(`${base}/api/notifications/stream`, { headers: { cookie: officer.cookie }, signal: abort.signal });
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    await reader.read(); // the ": connected" comment: the subscription is in place

    const filed = await fetch(`${base}/api/service-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: shanhe.cookie, 'x-csrf-token': shanhe.csrfToken },
      body: JSON.stringify({
        categoryCode: 'power',
        title: '新增变压器增容',
        description: '新产线需要增容 800kVA',
        contactName: '徐丽华',
        contactPhone: '13800000000',
      }),
    });
    expect(filed.status).toBe(201);
    const { id } = (await filed.json()) as { id: string };

    while (!received.includes(id)) {
      const { value, done } = await reader.read();
      if (done) break;
      received += decoder.decode(value);
    }
    const event = received.split('\n\n').find((chunk) => chunk.includes(id))!;
    expect(event).toContain('event: notification');
    const data = JSON.parse(
      event
        .split('\n')
        .find((line) => line.startsWith('data: '))!
        .slice(6),
    ) as { requestId: string; kind: string; text: string };
    expect(data).toMatchObject({ requestId: id, kind: 'submit' });
    expect(data.text).toContain('新增变压器增容');

    // Closing the server ends the open stream instead of waiting for the browser to hang up.
    await server.platform.close();
    let ended = false;
    while (!ended) ended = (await reader.read()).done;
    expect(ended).toBe(true);
    abort.abort();
  });
});
