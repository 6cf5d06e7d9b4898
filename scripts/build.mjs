// `npm run build`: compiles the server (shared and the migrations bundled in) to plain JavaScript in
// server/dist/ and the web app to web/dist/. The server then runs on Node alone: no tsx, no Vite, no dev
// dependency. `--if-stale` builds only when the output is missing or older than its sources.
// Plain JavaScript on purpose: it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const serverDist = path.join(root, 'server/dist');
/** Written last: its time is the build's time, and its absence means the build did not finish. */
export const BUILD_STAMP = path.join(serverDist, 'BUILD');

/** Everything the build output is made from (tests excluded: they are not built). */
const SOURCES = [
  'server/src',
  'shared/src',
  'web/src',
  'web/public',
  'web/index.html',
  'web/vite.config.ts',
  'package-lock.json',
  'scripts/build.mjs',
];

function newestSourceTime() {
  let newest = 0;
  const visit = (file) => {
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(file)) visit(path.join(file, entry));
    } else if (!/\.test\.tsx?$/.test(file)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const source of SOURCES) visit(path.join(root, source));
  return newest;
}

/** True when this tree carries sources (a clone, not a release archive). */
export function hasSources() {
  return fs.existsSync(path.join(root, 'server/src/main.ts'));
}

/** 'missing', 'stale' or 'fresh'. A release archive (no sources) is fresh when it has its build. */
export function buildState() {
  if (!fs.existsSync(BUILD_STAMP) || !fs.existsSync(path.join(root, 'web/dist/index.html'))) return 'missing';
  if (!hasSources()) return 'fresh';
  return newestSourceTime() > fs.statSync(BUILD_STAMP).mtimeMs ? 'stale' : 'fresh';
}

async function buildServer() {
  const { build } = await import('esbuild');
  fs.rmSync(serverDist, { recursive: true, force: true });
  await build({
    entryPoints: { main: 'server/src/main.ts', cli: 'server/src/cli.ts' },
    absWorkingDir: root,
    outdir: serverDist,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    sourcemap: true,
    logLevel: 'warning',
    // Installed packages stay imports (resolved from node_modules at run time); the workspace's own shared
    // package is compiled in, so the server needs no TypeScript at run time.
    plugins: [
      {
        name: 'external-packages',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith('@tiantai/') ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
}

function buildWeb() {
  const result = spawnSync('npm', ['run', 'build', '-w', 'web', '--silent'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('web build failed');
}

export async function runBuild() {
  const started = Date.now();
  await buildServer();
  buildWeb();
  fs.writeFileSync(BUILD_STAMP, `${new Date().toISOString()}\n`);
  console.log(`build: server/dist and web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && buildState() === 'fresh') {
    console.log('build: up to date');
  } else {
    await runBuild();
  }
}
