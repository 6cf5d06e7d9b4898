// `npm run bench:process`: what the compiled build buys at start. The same county (SQLite with the demo,
// loaded once beforehand; simulator off) is started ROUNDS times each as the compiled server
// (`node server/dist/main.js`), through tsx from the sources (`node --import tsx server/src/main.ts`, as
// `npm start` did before the build), and a Fastify hello-world process as the machine's baseline, taking turns.
// Prints spawn → "listening" time and the resident memory after IDLE_S seconds with no client. Asserts nothing.
// Environment: BENCH_ROUNDS (default 5), BENCH_IDLE_S (default 10).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = path.resolve(import.meta.dirname, '..');
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const IDLE_S = Number(process.env.BENCH_IDLE_S ?? 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

if (!fs.existsSync(path.join(ROOT, 'server/dist/main.js'))) throw new Error('run `npm run build` first');

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiantai-bench-process-'));
const helloFile = path.join(dataDir, 'hello.mjs');
fs.writeFileSync(
  helloFile,
  `import Fastify from '${path.join(ROOT, 'node_modules/fastify/fastify.js')}';
const app = Fastify();
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });
console.log('listening');\n`,
);

const variants: Record<string, string[]> = {
  'hello-world (Fastify)': [helloFile],
  'compiled (server/dist/main.js)': ['server/dist/main.js'],
  'tsx (server/src/main.ts)': ['--import', 'tsx', 'server/src/main.ts'],
};

const rssMb = (pid: number) => Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function once(args: string[]): Promise<{ startMs: number; idleRssMb: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATA_DIR: dataDir, PORT: '0', MQTT_PORT: '0', SIMULATE: 'false', LOG_FORMAT: 'json', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/Server listening|listening\n|Tiantai is up/.test(output)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output.slice(-500)}`)));
  });
  const startMs = performance.now() - started;
  await sleep(IDLE_S * 1000);
  const idleRssMb = rssMb(child.pid!);
  child.kill('SIGTERM');
  await new Promise((resolve) => child.on('exit', resolve));
  return { startMs, idleRssMb };
}

// The county loaded once, so every measured start is a restart of an existing install.
await once(variants['compiled (server/dist/main.js)']!);

const results = new Map<string, Array<{ startMs: number; idleRssMb: number }>>();
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, args] of Object.entries(variants)) {
    const r = await once(args);
    results.set(name, [...(results.get(name) ?? []), r]);
    console.log(`round ${round + 1} ${name}: start ${r.startMs.toFixed(0)} ms, RSS after ${IDLE_S} s idle ${r.idleRssMb.toFixed(0)} MB`);
  }
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return `min ${s[0]!.toFixed(0)} / median ${s[Math.floor(s.length / 2)]!.toFixed(0)} / max ${s[s.length - 1]!.toFixed(0)}`;
};
console.log(`\n${ROUNDS} rounds on ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)}; SQLite with the demo county`);
for (const [name, rs] of results) {
  console.log(`${name.padEnd(32)} start ms ${stats(rs.map((r) => r.startMs))}   idle RSS MB ${stats(rs.map((r) => r.idleRssMb))}`);
}
fs.rmSync(dataDir, { recursive: true, force: true });
