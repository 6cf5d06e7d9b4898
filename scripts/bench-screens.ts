// `npm run bench:screens`: N open big screens (SSE streams) on one server while events are raised; prints
// event-to-screen latency (p50/p99/max, from the moment the server stamped the event to the moment a screen
// read it) and the server's RSS. The server runs in a child process, so its memory is its own; the demo
// county on SQLite in a temp folder, or on PostgreSQL when DATABASE_URL is set.
//
// Loads are pluggable: the built-in one files work orders through the HTTP API (each raises
// work_order.created on the screens); `--load <module>` adds another (the telemetry ingest load, say): a
// module whose default export is a BenchLoad, started alongside for the same duration.
//
//   npm run bench:screens -- --screens 200 --seconds 20 --rate 10 [--load ./scripts/bench-load-ingest.ts]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

/** What a plugged-in load gets, and what it gives back. */
export interface BenchLoadContext {
  /** http://127.0.0.1:<port> of the server under test. */
  base: string;
  /** Its MQTT port (embedded broker). */
  mqttPort: number;
  /** A signed-in enterprise admin (银轮): cookie and CSRF token, for API calls. */
  session: { cookie: string; csrfToken: string };
  seconds: number;
}

export interface BenchLoad {
  name: string;
  start(ctx: BenchLoadContext): Promise<{ stop(): Promise<void>; summary(): string }>;
}

const { values: args } = parseArgs({
  options: {
    screens: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    rate: { type: 'string', default: '10' },
    load: { type: 'string', multiple: true, default: [] },
  },
});
const SCREENS = Number(args.screens);
const SECONDS = Number(args.seconds);
const RATE = Number(args.rate);
const ROOT = path.resolve(import.meta.dirname, '..');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

function rssOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/** The built-in load: work orders filed through the API at `rate` per second. */
const workOrderLoad: BenchLoad = {
  name: `work orders through the API`,
  async start({ base, session }) {
    const headers = { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken };
    const assets = (await (await fetch(`${base}/api/assets?kind=equipment&pageSize=200`, { headers })).json()) as {
      items: Array<{ id: string; holder: boolean }>;
    };
    const kept = assets.items.filter((a) => a.holder);
    let filed = 0;
    let failed = 0;
    let running = true;
    const loop = (async () => {
      const interval = 1000 / RATE;
      const started = Date.now();
      while (running) {
        const asset = kept[filed % kept.length]!;
        const res = await fetch(`${base}/api/work-orders`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ assetId: asset.id, kind: 'inspection', title: `压测巡检 ${filed + 1}` }),
        });
        await res.arrayBuffer();
        if (res.status === 201) filed++;
        else failed++;
        const next = started + (filed + failed) * interval;
        await sleep(Math.max(0, next - Date.now()));
      }
    })();
    return {
      async stop() {
        running = false;
        await loop;
      },
      summary: () => `${filed} work orders filed (${failed} failed), target ${RATE}/s`,
    };
  },
};

interface Screen {
  received: number;
  close(): void;
}

async function openScreen(url: string, headers: Record<string, string>, latencies: number[]): Promise<Screen> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  if (res.status !== 200) throw new Error(`stream ${url}: ${res.status}`);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const screen: Screen = { received: 0, close: () => abort.abort() };
  let buffer = '';
  let ready: () => void = () => undefined;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (frame.includes('event: ready')) ready();
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        if (!data || !frame.includes('event: work_order.created')) continue;
        const { at } = JSON.parse(data.slice(6)) as { at: string };
        latencies.push(Date.now() - Date.parse(at));
        screen.received++;
      }
    }
  })();
  await isReady;
  return screen;
}

async function main(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiantai-bench-screens-'));
  const [port, mqttPort] = [await freePort(), await freePort()];
  const engine = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
  console.log(
    `bench:screens — ${SCREENS} screens, ${SECONDS} s, ${RATE} events/s, ${engine}, node ${process.version}, ${os.cpus().length} cores`,
  );
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server/src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      MQTT_PORT: String(mqttPort),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      WEB_DIST: '/nonexistent',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const screens: Screen[] = [];
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error('the server exited');
      const health = await fetch(`${base}/api/health`).catch(() => null);
      if (health?.ok) break;
      if (i > 600) throw new Error('the server did not come up in 60 s');
      await sleep(100);
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'yinlun', password: 'Tiantai@2026' }),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const session = { cookie, csrfToken };
    const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
    const plantId = ((await (await fetch(`${base}/api/plants`, { headers })).json()) as Array<{ id: string }>)[0]!.id;
    const kiosk = (await (
      await fetch(`${base}/api/screen-tokens`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ name: '压测大屏', screen: 'enterprise' }),
      })
    ).json()) as { token: string };

    // What a screen's (re)connect costs: its snapshot, from the same queries as the pages.
    const snapshotTimes = async (url: string, cookieHeader: string) => {
      const times: number[] = [];
      for (let i = 0; i < 20; i++) {
        const start = performance.now();
        const res = await fetch(url, { headers: { cookie: cookieHeader } });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${url}: ${res.status}`);
        times.push(performance.now() - start);
      }
      times.sort((x, y) => x - y);
      return `p50 ${percentile(times, 50).toFixed(0)} ms · p95 ${percentile(times, 95).toFixed(0)} ms`;
    };
    const county = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'leader', password: 'Tiantai@2026' }),
    });
    const countyCookie = county.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const plantSnapshot = await snapshotTimes(`${base}/api/screens/plant/${plantId}`, cookie);
    const countySnapshot = await snapshotTimes(`${base}/api/screens/county`, countyCookie);

    // Half the screens are wall displays on a kiosk token, half signed-in browsers on one plant.
    const latencies: number[] = [];
    const idle = rssOf(server.pid!);
    const opening = performance.now();
    for (let i = 0; i < SCREENS; i++) {
      screens.push(
        await (i % 2 === 0
          ? openScreen(`${base}/api/realtime/stream?token=${kiosk.token}`, {}, latencies)
          : openScreen(`${base}/api/realtime/stream?plantId=${plantId}`, { cookie }, latencies)),
      );
    }
    const openMs = performance.now() - opening;
    const connected = rssOf(server.pid!);

    const ctx: BenchLoadContext = { base, mqttPort, session, seconds: SECONDS };
    const plugged: BenchLoad[] = [];
    for (const file of args.load) plugged.push(((await import(pathToFileURL(path.resolve(file)).href)) as { default: BenchLoad }).default);
    const running = await Promise.all([workOrderLoad, ...plugged].map(async (load) => ({ load, handle: await load.start(ctx) })));
    let peakRss = connected.rss;
    for (let s = 0; s < SECONDS; s++) {
      await sleep(1000);
      peakRss = Math.max(peakRss, rssOf(server.pid!).rss);
    }
    for (const { handle } of running) await handle.stop();
    await sleep(2000); // the last events reach the screens

    // Only the plant screens see events of their plant; the kiosk (whole-enterprise) screens see all.
    const sorted = [...latencies].sort((a, b) => a - b);
    const after = rssOf(server.pid!);
    console.log(`  plant screen snapshot       ${plantSnapshot} (idle server)`);
    console.log(`  county screen snapshot      ${countySnapshot} (idle server)`);
    console.log(`  screens open                ${screens.length} in ${(openMs / 1000).toFixed(1)} s`);
    for (const { load, handle } of running) console.log(`  load: ${load.name.padEnd(21)} ${handle.summary()}`);
    console.log(`  events on screens           ${sorted.length} deliveries`);
    console.log(
      `  event-to-screen latency     p50 ${percentile(sorted, 50).toFixed(0)} ms · p99 ${percentile(sorted, 99).toFixed(0)} ms · max ${(sorted.at(-1) ?? NaN).toFixed(0)} ms`,
    );
    console.log(
      `  server RSS                  idle ${idle.rss.toFixed(0)} MB · ${SCREENS} screens ${connected.rss.toFixed(0)} MB · under load peak ${peakRss.toFixed(0)} MB · high-water ${after.peak.toFixed(0)} MB`,
    );
  } finally {
    for (const screen of screens) screen.close();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
