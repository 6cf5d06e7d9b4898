// `npm run bench:start`: what a county notices first — how long a fresh install takes to come up with the
// demo county, how much memory it holds, and how fast the office's busiest pages answer. Prints figures;
// asserts nothing. PostgreSQL is measured when TEST_DATABASE_URL (or the local default) is reachable.
import { performance } from 'node:perf_hooks';
import { ENGINES, createTestDatabase } from '../server/test/engines';
import { testConfig } from '../server/test/platform';
import { startPlatform } from '../server/src/platform';

const ROUNDS = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function timeRequests(url: string, cookie: string): Promise<string> {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms`;
}

for (const engine of ENGINES) {
  // The baseline of the same run: a first start without the demo (migrations only, the first admin).
  const empty = await createTestDatabase(engine);
  const emptyStart = performance.now();
  const bare = await startPlatform(testConfig(empty, { DEMO_DATA: 'false' }));
  const emptyMs = performance.now() - emptyStart;
  await bare.close();
  await empty.drop();

  const db = await createTestDatabase(engine);
  const rssBefore = process.memoryUsage().rss;
  const start = performance.now();
  const platform = await startPlatform(testConfig(db));
  const startMs = performance.now() - start;
  const base = `http://127.0.0.1:${platform.httpPort}`;
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'officer', password: 'Tiantai@2026' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  console.log(`\n${engine}: first start without the demo (baseline: migrations, first admin) ${(emptyMs / 1000).toFixed(2)} s`);
  console.log(
    `${engine}: first start with the lived-in demo county (120 enterprises, ~1,800 requests, 30 days of machine history) ${(startMs / 1000).toFixed(2)} s`,
  );
  console.log(`  request list, 20 a page        ${await timeRequests(`${base}/api/service-requests?pageSize=20`, cookie)}`);
  console.log(`  open requests in red (SLA)     ${await timeRequests(`${base}/api/service-requests?sla=red`, cookie)}`);
  console.log(
    `  statistics by department       ${await timeRequests(`${base}/api/service-requests/statistics?groupBy=department`, cookie)}`,
  );
  console.log(`  enterprise register search     ${await timeRequests(`${base}/api/enterprises?q=%E5%A4%A9%E5%8F%B0`, cookie)}`);
  console.log(
    `  process RSS after the runs     ${((process.memoryUsage().rss - rssBefore) / 1024 / 1024).toFixed(0)} MB above the bench's own`,
  );
  await platform.close();
  await db.drop();
}
