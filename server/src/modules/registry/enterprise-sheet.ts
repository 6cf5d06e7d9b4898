import {
  ENTERPRISE_SHEET_COLUMNS,
  enterpriseBody,
  normaliseOrganisationName,
  type EnterpriseView,
  type ImportProblem,
  type ImportRowError,
} from '@tiantai/shared';
import ExcelJS from 'exceljs';
import { checkArchive } from '../../lib/xlsx-guard';
import { cellText, readHeaders } from '../../lib/xlsx-sheet';
import type { z } from 'zod';
import { AppError } from '../../http/errors';

type ColumnKey = (typeof ENTERPRISE_SHEET_COLUMNS)[number]['key'];
export interface SheetRow {
  row: number;
  input: z.output<typeof enterpriseBody>;
}

const MAX_ROWS = 5000;
const YES = new Set(['是', 'y', 'yes', 'true', '1', '规上']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '', '规下']);

export async function writeEnterpriseSheet(enterprises: EnterpriseView[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tiantai';
  const sheet = workbook.addWorksheet('企业名录');
  sheet.columns = ENTERPRISE_SHEET_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: c.key === 'name' ? 36 : 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const e of enterprises) {
    const values: Record<ColumnKey, string> = {
      name: e.name,
      creditCode: e.creditCode ?? '',
      industryCode: e.industryCode ?? '',
      aboveScale: e.aboveScale ? '是' : '否',
      park: e.parkName ?? '',
      township: e.township ?? '',
      address: e.address ?? '',
      contactName: e.contactName ?? '',
      contactPhone: e.contactPhone ?? '',
      contactEmail: e.contactEmail ?? '',
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

/**
 * Parses and validates the first worksheet. Throws IMPORT_BAD_FILE for a file that is not a usable sheet
 * and IMPORT_INVALID_ROWS with every bad cell when any row is wrong, so nothing is half-imported.
 */
export async function readEnterpriseSheet(file: Buffer, parkIdsByName: Map<string, string>): Promise<SheetRow[]> {
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

  const { columnOf, unknown } = readHeaders(sheet, ENTERPRISE_SHEET_COLUMNS);
  if (!columnOf.has('name')) {
    throw new AppError(
      400,
      'IMPORT_BAD_FILE',
      `The first row must hold the headers; the column "${ENTERPRISE_SHEET_COLUMNS[0].zh}" is missing`,
    );
  }
  if (sheet.rowCount - 1 > MAX_ROWS) throw new AppError(400, 'IMPORT_BAD_FILE', `At most ${MAX_ROWS} rows per import`);

  const errors: ImportRowError[] = [...unknown];
  const rows: SheetRow[] = [];
  const seenNames = new Map<string, number>();
  const seenCodes = new Map<string, number>();

  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const text = (key: ColumnKey) => {
      const col = columnOf.get(key);
      return col === undefined ? '' : cellText(row.getCell(col).value);
    };
    if (ENTERPRISE_SHEET_COLUMNS.every((c) => text(c.key) === '')) continue;

    const rowErrors: ImportRowError[] = [];
    const aboveScaleText = text('aboveScale').toLowerCase();
    if (!YES.has(aboveScaleText) && !NO.has(aboveScaleText)) {
      rowErrors.push({
        row: r,
        column: '规上企业',
        problem: 'NOT_YES_NO',
        value: text('aboveScale'),
        message: `"${text('aboveScale')}" is not 是/否`,
      });
    }
    const parkName = text('park');
    const parkId = parkName ? parkIdsByName.get(parkName) : null;
    if (parkId === undefined)
      rowErrors.push({ row: r, column: '园区', problem: 'UNKNOWN_PARK', value: parkName, message: `No park named "${parkName}"` });

    const orNull = (v: string) => (v === '' ? null : v);
    const parsed = enterpriseBody.safeParse({
      name: text('name'),
      creditCode: orNull(text('creditCode')),
      industryCode: orNull(text('industryCode')),
      aboveScale: YES.has(aboveScaleText),
      parkId: parkId ?? null,
      township: orNull(text('township')),
      address: orNull(text('address')),
      contactName: orNull(text('contactName')),
      contactPhone: orNull(text('contactPhone')),
      contactEmail: orNull(text('contactEmail')),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? '');
        const column = ENTERPRISE_SHEET_COLUMNS.find((c) => c.key === key)?.zh ?? key;
        rowErrors.push({ row: r, column, problem: problemOf(issue), value: text(key as ColumnKey), message: issue.message });
      }
    } else {
      const { name, creditCode } = parsed.data;
      // Compared as the register compares names: "（新厂）" and "(新厂)" are one enterprise.
      const nameKey = normaliseOrganisationName(name);
      const sameName = seenNames.get(nameKey);
      if (sameName)
        rowErrors.push({
          row: r,
          column: '企业名称',
          problem: 'DUPLICATE_IN_SHEET',
          value: String(sameName),
          message: `Same name as row ${sameName}`,
        });
      seenNames.set(nameKey, r);
      if (creditCode) {
        const sameCode = seenCodes.get(creditCode);
        if (sameCode) {
          rowErrors.push({
            row: r,
            column: '统一社会信用代码',
            problem: 'DUPLICATE_IN_SHEET',
            value: String(sameCode),
            message: `Same credit code as row ${sameCode}`,
          });
        }
        seenCodes.set(creditCode, r);
      }
      if (rowErrors.length === 0) rows.push({ row: r, input: parsed.data });
    }
    errors.push(...rowErrors);
  }

  if (errors.length > 0) {
    throw new AppError(422, 'IMPORT_INVALID_ROWS', `${errors.length} problem(s) in the sheet; nothing was imported`, errors);
  }
  if (rows.length === 0) throw new AppError(400, 'IMPORT_BAD_FILE', 'The sheet has no data rows');
  return rows;
}
