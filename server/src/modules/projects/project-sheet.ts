// The project list as counties keep it in Excel (百项千万 台账): export, and an all-or-nothing import with a
// row-by-row report, the registry's approach with the same library.
import {
  PROJECT_INDUSTRIES,
  PROJECT_INDUSTRY_ZH,
  PROJECT_SHEET_COLUMNS,
  PROJECT_STAGES,
  PROJECT_STAGE_ZH,
  projectBody,
  type ImportProblem,
  type ImportRowError,
  type ProjectBody,
  type ProjectStage,
  type ProjectView,
} from '@tiantai/shared';
import ExcelJS from 'exceljs';
import { checkArchive } from '../../lib/xlsx-guard';
import { cellText, readHeaders } from '../../lib/xlsx-sheet';
import type { z } from 'zod';
import { AppError } from '../../http/errors';

type ColumnKey = (typeof PROJECT_SHEET_COLUMNS)[number]['key'];
const MAX_ROWS = 5000;

export interface ProjectSheetRow {
  row: number;
  input: ProjectBody;
  stage: ProjectStage;
  completedYearWan: number | null;
}

export async function writeProjectSheet(projects: ProjectView[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tiantai';
  const sheet = workbook.addWorksheet('项目台账');
  sheet.columns = PROJECT_SHEET_COLUMNS.map((c) => ({
    header: c.zh,
    key: c.key,
    width: c.key === 'name' || c.key === 'investor' ? 36 : 16,
  }));
  sheet.getRow(1).font = { bold: true };
  for (const p of projects) {
    const values: Record<ColumnKey, string | number | null> = {
      name: p.name,
      investor: p.investorName,
      park: p.parkName,
      industry: PROJECT_INDUSTRY_ZH[p.industry],
      stage: PROJECT_STAGE_ZH[p.stage],
      totalInvestment: p.totalInvestmentWan,
      planYear: p.planYear,
      plannedYear: p.plannedYearWan,
      completedYear: p.planYear === null ? null : p.completedYearWan,
      landMu: p.landMu,
      promisedOutputPerMu: p.promisedOutputPerMuWan,
      promisedTaxPerMu: p.promisedTaxPerMuWan,
      jobs: p.jobs,
      department: p.responsibleDepartmentName,
      person: p.responsiblePerson,
    };
    sheet.addRow(values);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function problemOf(issue: z.core.$ZodIssue): ImportProblem {
  if (issue.code === 'too_small') return 'REQUIRED';
  if (issue.code === 'too_big') return 'TOO_LONG';
  if (issue.code === 'invalid_format') return 'BAD_FORMAT';
  return 'INVALID';
}

const FIELD_COLUMN: Partial<Record<keyof ProjectBody, ColumnKey>> = {
  name: 'name',
  investorName: 'investor',
  totalInvestmentWan: 'totalInvestment',
  planYear: 'planYear',
  plannedYearWan: 'plannedYear',
  landMu: 'landMu',
  promisedOutputPerMuWan: 'promisedOutputPerMu',
  promisedTaxPerMuWan: 'promisedTaxPerMu',
  jobs: 'jobs',
  responsiblePerson: 'person',
};

export interface SheetLookups {
  parkIdsByName: Map<string, string>;
  departmentId(name: string): Promise<string | undefined>;
  enterpriseId(name: string): Promise<string | undefined>;
  defaultYear: number;
}

/**
 * Parses and checks every row first. IMPORT_BAD_FILE for a file that is not a usable sheet, and
 * IMPORT_INVALID_ROWS with every bad cell when any row is wrong, so nothing is half-imported.
 */
export async function readProjectSheet(file: Buffer, lookups: SheetLookups): Promise<ProjectSheetRow[]> {
  // A bomb or a million-row sheet is refused before the reader inflates it whole (lib/xlsx-guard.ts).
  const archive = checkArchive(file);
  if (!archive.ok) throw new AppError(400, 'IMPORT_BAD_FILE', `The workbook is not accepted: ${archive.reason}`);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError(400, 'IMPORT_BAD_FILE', 'The file is not a readable .xlsx workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new AppError(400, 'IMPORT_BAD_FILE', 'The workbook has no worksheet');
  const { columnOf, unknown } = readHeaders(sheet, PROJECT_SHEET_COLUMNS);
  for (const key of ['name', 'totalInvestment'] as const) {
    if (!columnOf.has(key)) {
      const zh = PROJECT_SHEET_COLUMNS.find((c) => c.key === key)!.zh;
      throw new AppError(400, 'IMPORT_BAD_FILE', `The first row must hold the headers; the column "${zh}" is missing`);
    }
  }
  if (sheet.rowCount - 1 > MAX_ROWS) throw new AppError(400, 'IMPORT_BAD_FILE', `At most ${MAX_ROWS} rows per import`);

  const zhOf = (key: ColumnKey) => PROJECT_SHEET_COLUMNS.find((c) => c.key === key)!.zh;
  const errors: ImportRowError[] = [...unknown];
  const rows: ProjectSheetRow[] = [];
  const seen = new Map<string, number>();
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const text = (key: ColumnKey) => {
      const col = columnOf.get(key);
      return col === undefined ? '' : cellText(row.getCell(col).value);
    };
    if (PROJECT_SHEET_COLUMNS.every((c) => text(c.key) === '')) continue;
    const rowErrors: ImportRowError[] = [];
    const bad = (key: ColumnKey, problem: ImportProblem, message: string) =>
      rowErrors.push({ row: r, column: zhOf(key), problem, value: text(key), message });

    const number = (key: ColumnKey): number | undefined | null => {
      const t = text(key).replace(/,/g, '');
      if (t === '') return null;
      const n = Number(t);
      if (!Number.isFinite(n)) {
        bad(key, 'BAD_FORMAT', `"${text(key)}" is not a number`);
        return undefined;
      }
      return n;
    };
    const stageText = text('stage');
    const stage = stageText === '' ? 'negotiating' : PROJECT_STAGES.find((s) => PROJECT_STAGE_ZH[s] === stageText || s === stageText);
    if (!stage) bad('stage', 'INVALID', `"${stageText}" is not a stage (${PROJECT_STAGES.map((s) => PROJECT_STAGE_ZH[s]).join('/')})`);
    const industryText = text('industry');
    const industry =
      industryText === '' ? 'other' : PROJECT_INDUSTRIES.find((i) => PROJECT_INDUSTRY_ZH[i] === industryText || i === industryText);
    if (!industry) bad('industry', 'INVALID', `"${industryText}" is not an industry`);
    const parkName = text('park');
    const parkId = parkName ? lookups.parkIdsByName.get(parkName) : null;
    if (parkId === undefined) bad('park', 'UNKNOWN_PARK', `No park named "${parkName}"`);
    const departmentName = text('department');
    const departmentId = departmentName ? await lookups.departmentId(departmentName) : null;
    if (departmentId === undefined) bad('department', 'INVALID', `No department named "${departmentName}"`);
    const investor = text('investor');
    const enterpriseId = investor ? ((await lookups.enterpriseId(investor)) ?? null) : null;
    if (!investor) bad('investor', 'REQUIRED', 'Name the investor');

    const total = number('totalInvestment');
    const planYear = number('planYear');
    const planned = number('plannedYear');
    const completed = number('completedYear');
    const land = number('landMu');
    const output = number('promisedOutputPerMu');
    const tax = number('promisedTaxPerMu');
    const jobs = number('jobs');
    const parsed = projectBody.safeParse({
      name: text('name'),
      enterpriseId,
      investorName: enterpriseId ? null : investor || null,
      parkId: parkId ?? null,
      industry: industry ?? 'other',
      totalInvestmentWan: total ?? -1,
      landMu: land ?? null,
      promisedOutputPerMuWan: output ?? null,
      promisedTaxPerMuWan: tax ?? null,
      jobs: jobs ?? null,
      responsibleDepartmentId: departmentId ?? null,
      responsiblePerson: text('person') || null,
      ...(planned !== null && planned !== undefined && { plannedYearWan: planned, planYear: planYear ?? lookups.defaultYear }),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = FIELD_COLUMN[String(issue.path[0] ?? '') as keyof ProjectBody] ?? 'name';
        if (rowErrors.some((e) => e.column === zhOf(key))) continue; // already reported as not a number
        rowErrors.push({
          row: r,
          column: zhOf(key),
          problem: total === null && key === 'totalInvestment' ? 'REQUIRED' : problemOf(issue),
          value: text(key),
          message: issue.message,
        });
      }
    } else {
      const earlier = seen.get(parsed.data.name);
      if (earlier) bad('name', 'DUPLICATE_IN_SHEET', `Same project as row ${earlier}`);
      seen.set(parsed.data.name, r);
      if (rowErrors.length === 0 && stage) rows.push({ row: r, input: parsed.data, stage, completedYearWan: completed ?? null });
    }
    errors.push(...rowErrors);
  }
  if (errors.length > 0)
    throw new AppError(422, 'IMPORT_INVALID_ROWS', `${errors.length} problem(s) in the sheet; nothing was imported`, errors);
  if (rows.length === 0) throw new AppError(400, 'IMPORT_BAD_FILE', 'The sheet has no data rows');
  return rows;
}
