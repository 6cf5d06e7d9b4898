// `npm run release`: a release archive of the built tree, release/tiantai-<version>.tar.gz. It holds the
// compiled server and web app, the package manifests and lock file, the docs and deploy/; no sources. Install
// it with deploy/install.sh (npm ci --omit=dev), start it with `node server/dist/main.js` (or npm start).
//   --out <folder>  where to write it (default: release/)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildState, runBuild } from './build.mjs';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = path.resolve(values.out ?? path.join(root, 'release'));
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const name = `tiantai-${version}`;

if (buildState() !== 'fresh') await runBuild();

const CONTENTS = [
  'package.json',
  'package-lock.json',
  'README.md',
  'docs',
  'deploy',
  'scripts/start.mjs',
  'scripts/build.mjs',
  'server/package.json',
  'server/dist',
  'shared/package.json',
  'web/package.json',
  'web/dist',
];

const staging = path.join(out, name);
fs.rmSync(staging, { recursive: true, force: true });
for (const item of CONTENTS) {
  const from = path.join(root, item);
  if (!fs.existsSync(from)) throw new Error(`release: ${item} is missing`);
  fs.cpSync(from, path.join(staging, item), { recursive: true });
}
const archive = path.join(out, `${name}.tar.gz`);
const tar = spawnSync('tar', ['-czf', archive, '-C', out, name], { stdio: 'inherit' });
fs.rmSync(staging, { recursive: true, force: true });
if (tar.status !== 0) throw new Error('release: tar failed');
console.log(`release: ${archive} (${(fs.statSync(archive).size / 1e6).toFixed(1)} MB)`);
