// `npm run bench:import`: what a spreadsheet import holds in memory. Three workbooks — a legitimate 5,000-row
// enterprise register, a 300 KB "zip bomb" whose sheet inflates to 300 MB, and a ~5 MB sheet of a million
// rows — are each opened in a fresh process two ways: by ExcelJS directly (what the import did before the
// archive check) and through the import's archive check (server/src/lib/xlsx-guard.ts) followed by ExcelJS
// only if the check passes (what it does now). Prints each process's peak resident memory and time, beside a
// process that only reads the file (the baseline). Asserts nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { zip } from '../server/test/zip';

const ROOT = path.resolve(import.meta.dirname, '..');
// Inside the checkout, so the child scripts resolve exceljs as the server does.
const dir = fs.mkdtempSync(path.join(ROOT, 'node_modules/.tiantai-bench-import-'));

/** A workbook as ExcelJS writes it, with its first sheet's XML replaced by `sheetXml` (a Buffer, built in parts). */
async function workbookWithSheet(sheetXml: Buffer): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('企业名录').addRow(['企业名称']);
  const written = Buffer.from(await workbook.xlsx.writeBuffer());
  // Re-zip ExcelJS's own entries, read back through ExcelJS's JSZip.
  const JSZip = (await import('jszip')).default;
  const archive = await JSZip.loadAsync(written);
  const entries: Array<[string, Buffer]> = [];
  for (const name of Object.keys(archive.files)) {
    if (archive.files[name]!.dir) continue;
    entries.push([name, name === 'xl/worksheets/sheet1.xml' ? sheetXml : await archive.files[name]!.async('nodebuffer')]);
  }
  return zip(entries);
}

const sheet = (rows: Iterable<string>) => {
  const parts = [
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    ),
  ];
  for (const row of rows) parts.push(Buffer.from(row));
  parts.push(Buffer.from('</sheetData></worksheet>'));
  return Buffer.concat(parts);
};
const row = (n: number, cells: string[]) =>
  `<row r="${n}">${cells.map((v, i) => `<c r="${String.fromCharCode(65 + i)}${n}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;

function* legitRows() {
  yield row(1, ['企业名称', '统一社会信用代码', '所在园区', '联系人', '联系电话']);
  for (let n = 2; n <= 5001; n++) yield row(n, [`天台测试机械有限公司${n}`, '', '苍山产业集聚区', '张伟', '13800000000']);
}
function* millionRows() {
  yield row(1, ['企业名称']);
  for (let n = 2; n <= 1_000_001; n++) yield row(n, [`企业${n}`]);
}
// One cell of 300 MB of the same letter: a few hundred KB deflated.
function* bombRows() {
  yield row(1, ['企业名称']);
  yield `<row r="2"><c r="A2" t="inlineStr"><is><t>`;
  const chunk = 'A'.repeat(1024 * 1024);
  for (let i = 0; i < 300; i++) yield chunk;
  yield `</t></is></c></row>`;
}

const files: Array<[string, Buffer]> = [
  ['legit 5,000 rows', await workbookWithSheet(sheet(legitRows()))],
  ['bomb (300 MB inflated)', await workbookWithSheet(sheet(bombRows()))],
  ['1,000,000 rows', await workbookWithSheet(sheet(millionRows()))],
];

const child = (file: string, mode: 'read' | 'exceljs' | 'checked') => `
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { zip } from '../server/test/zip';
import { checkArchive } from '${path.join(ROOT, 'server/src/lib/xlsx-guard.ts')}';
const started = performance.now();
const file = fs.readFileSync('${file}');
let outcome = 'read';
if ('${mode}' !== 'read') {
  const check = '${mode}' === 'checked' ? checkArchive(file) : { ok: true };
  if (!check.ok) outcome = 'refused: ' + check.reason;
  else {
    try { await new ExcelJS.Workbook().xlsx.load(file); outcome = 'loaded'; } catch (e) { outcome = 'failed: ' + e.message.slice(0, 60); }
  }
}
console.log(JSON.stringify({ outcome, ms: Math.round(performance.now() - started), peakMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
`;

console.log('workbook'.padEnd(26), 'size'.padStart(9), ' mode'.padEnd(24), 'peak RSS'.padStart(9), 'time'.padStart(9), ' outcome');
for (const [name, content] of files) {
  const file = path.join(dir, `${name.replace(/\W+/g, '-')}.xlsx`);
  fs.writeFileSync(file, content);
  for (const mode of ['read', 'exceljs', 'checked'] as const) {
    const script = path.join(dir, `run-${mode}.mts`);
    fs.writeFileSync(script, child(file, mode));
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    let result: { outcome: string; ms: number; peakMb: number } = {
      outcome: `exit ${run.status} ${run.stderr.slice(-80)}`,
      ms: NaN,
      peakMb: NaN,
    };
    try {
      result = JSON.parse(line);
    } catch {
      // keep the exit status
    }
    const label = { read: 'baseline (read only)', exceljs: 'before: ExcelJS load', checked: 'now: check, then load' }[mode];
    console.log(
      name.padEnd(26),
      `${(content.length / 1024).toFixed(0)} KB`.padStart(9),
      ` ${label}`.padEnd(24),
      `${result.peakMb} MB`.padStart(9),
      `${result.ms} ms`.padStart(9),
      ` ${result.outcome}`,
    );
  }
}
fs.rmSync(dir, { recursive: true, force: true });
