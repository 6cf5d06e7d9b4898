// `npm start` and the other run scripts: builds first when the build is missing or older than the sources
// (a clone with its dev dependencies), then runs the compiled entry in this process.
//   node scripts/start.mjs            the platform (server/dist/main.js)
//   node scripts/start.mjs cli <cmd>  a command of server/dist/cli.js (migrate, backup, restore)
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildState, runBuild } from './build.mjs';

const root = path.resolve(import.meta.dirname, '..');
const [entry = 'main', ...args] = process.argv.slice(2);
if (entry !== 'main' && entry !== 'cli') {
  console.error(`start: unknown entry "${entry}" (main or cli)`);
  process.exit(2);
}

const state = buildState();
if (state !== 'fresh') {
  try {
    await import('esbuild');
  } catch {
    console.error(
      `The build is ${state === 'missing' ? 'missing' : 'older than the sources'} and the build tools are not installed. ` +
        'Run `npm ci && npm run build` (with dev dependencies), or install a release archive made by `npm run release`.',
    );
    process.exit(1);
  }
  console.log(state === 'missing' ? 'build: none yet, building once' : 'build: sources changed, rebuilding');
  await runBuild();
}

// The compiled entry reads its arguments from process.argv like a directly started script.
const file = path.join(root, 'server/dist', `${entry}.js`);
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
