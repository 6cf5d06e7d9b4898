// `npm run lint` (after eslint): fails on an import cycle between source files of shared/, server/ or web/.
// Follows relative imports, web's `@/` alias and `@tiantai/shared`; `import type` counts too (a cycle in the
// types is a cycle in the design). Prints each cycle as a chain of files.
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const TREES = ['shared/src', 'server/src', 'web/src'];
const ALIASES = { '@/': 'web/src/', '@tiantai/shared': 'shared/src/index' };
const EXTENSIONS = ['.ts', '.tsx', '/index.ts', '/index.tsx'];
const IMPORT = /^\s*(?:import|export)\s[^'";]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;

function sourceFiles(dir) {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(rel);
    return /\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name) ? [rel] : [];
  });
}

function resolve(from, specifier) {
  let base = null;
  if (specifier.startsWith('.')) base = path.posix.join(path.posix.dirname(from), specifier);
  for (const [alias, target] of Object.entries(ALIASES))
    if (specifier === alias || (alias.endsWith('/') && specifier.startsWith(alias))) base = target + specifier.slice(alias.length);
  if (base === null) return null;
  for (const candidate of ['', ...EXTENSIONS].map((ext) => base + ext))
    if (fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile()) return candidate;
  return null;
}

const files = TREES.flatMap(sourceFiles);
const graph = new Map(
  files.map((file) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => resolve(file, m[1] ?? m[2])).filter((t) => t && t !== file);
    return [file, [...new Set(targets)]];
  }),
);

// Tarjan's strongly connected components: every component of more than one file holds a cycle.
let index = 0;
const stack = [];
const state = new Map();
const cycles = [];
function visit(file) {
  const node = { index, low: index, onStack: true };
  index++;
  state.set(file, node);
  stack.push(file);
  for (const next of graph.get(file) ?? []) {
    if (!graph.has(next)) continue;
    const seen = state.get(next);
    if (!seen) {
      visit(next);
      node.low = Math.min(node.low, state.get(next).low);
    } else if (seen.onStack) node.low = Math.min(node.low, seen.index);
  }
  if (node.low === node.index) {
    const component = [];
    let member;
    do {
      member = stack.pop();
      state.get(member).onStack = false;
      component.push(member);
    } while (member !== file);
    if (component.length > 1) cycles.push(component.sort());
  }
}
for (const file of files) if (!state.has(file)) visit(file);

if (cycles.length > 0) {
  console.error(`import cycles (${cycles.length}): files that import each other, directly or around a loop`);
  for (const component of cycles) console.error(`  ${component.join('\n    ⇄ ')}`);
  process.exit(1);
}
console.log(`no import cycles among ${files.length} files`);
