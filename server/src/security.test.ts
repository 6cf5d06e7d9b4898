// What every client meets before any module: security headers (with a CSP the web app passes, see the browser
// suites), per-address limits on the public endpoints answered 429 RATE_LIMITED, and /metrics behind its token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test/engines';
import { createTestApp, errorCode, type TestApp } from '../test/harness';
import { PUBLIC_RATE_LIMITS } from './app';
import { createOrganisation, provisionUser } from './modules/identity';

const METRICS_TOKEN = 'prometheus-scrape-token-1';

describe.each(ENGINES)('security headers, rate limits and metrics on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    // The login limit made small to reach it quickly; Open311's is the production one.
    t = await createTestApp(engine, {
      demo: false,
      config: { metricsToken: METRICS_TOKEN },
      rateLimits: { 'POST /api/auth/login': { max: 8, timeWindow: 60_000 } },
    });
  });
  afterAll(async () => t?.close());

  it('sends the security headers on API answers, errors and pages alike', async () => {
    for (const url of ['/api/health', '/api/nothing-here', '/api/auth/session', '/some/page']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['content-security-policy'], url).toContain("script-src 'self'");
      expect(res.headers['content-security-policy'], url).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      // Plain HTTP inside a county network must keep working: no HSTS unless served over HTTPS.
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('limits sign-in attempts per address with 429 RATE_LIMITED; another address is not affected', async () => {
    // Right passwords: the failure throttle never engages, so the 9th answer is the address limit's.
    const organisationId = await createOrganisation(t.db, 'county', '县级管理');
    await provisionUser(t.db, { organisationId, username: 'gate', displayName: '门户', role: 'county_viewer', password: 'Gate-Pass-2026' });
    const attempt = (remoteAddress: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gate', password: 'Gate-Pass-2026' }, remoteAddress });
    const answers: number[] = [];
    for (let i = 0; i < 9; i++) answers.push((await attempt('10.1.1.1')).statusCode);
    expect(answers).toEqual([...Array(8).fill(200), 429]);
    const limited = await attempt('10.1.1.1');
    expect([limited.statusCode, errorCode(limited)]).toEqual([429, 'RATE_LIMITED']);
    expect(limited.json().error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await attempt('10.1.1.2')).statusCode).toBe(200);
  });

  it('limits Open311 filings per address', async () => {
    const file = () =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: { service_code: 'x', description: 'y' },
        remoteAddress: '10.2.2.2',
      });
    const answers: number[] = [];
    const { max } = PUBLIC_RATE_LIMITS['POST /open311/v2/requests.:format']!;
    for (let i = 0; i <= max; i++) answers.push((await file()).statusCode);
    expect(answers.slice(0, max)).not.toContain(429);
    expect(answers[max]).toBe(429);
  });

  it('serves /metrics only with its bearer token, in Prometheus text format', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-of-some-length' } })).statusCode,
    ).toBe(401);
    const res = await t.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of [
      'tiantai_http_request_duration_seconds_bucket{le="0.005",method="POST",route="/api/auth/login",status="429"}',
      'tiantai_http_requests_in_flight',
      'tiantai_sse_streams_open 0',
      'tiantai_db_query_duration_seconds_count',
      'tiantai_telemetry_writer_queue_points 0',
      'tiantai_telemetry_messages_refused_total{reason="unknown_token"} 0',
      'nodejs_eventloop_lag_seconds',
      'process_resident_memory_bytes',
    ])
      expect(res.body, name).toContain(name);
  });

  it('keeps /metrics off when no token is configured', async () => {
    const off = await createTestApp(engine, { demo: false });
    try {
      const res = await off.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect([res.statusCode, errorCode(res)]).toEqual([404, 'NOT_FOUND']);
    } finally {
      await off.close();
    }
  });
});
