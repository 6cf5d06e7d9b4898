// Reading an import sheet's cells and header row, for every module that imports a workbook.
import type { ImportRowError } from '@tiantai/shared';
import type ExcelJS from 'exceljs';

/** A cell as the text a person sees: hyperlinks, rich text and formula results included. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('text' in value && typeof value.text === 'string') return value.text.trim(); // hyperlink
    if ('richText' in value)
      return value.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue); // formula
    if (value instanceof Date) return value.toISOString();
    return '';
  }
  return String(value).trim();
}

/**
 * The column of each known header in the first row (its Chinese or English name, in any case). A header no
 * column has is a problem of row 0: a misspelt column is reported, never silently dropped with its data.
 */
export function readHeaders<K extends string>(
  sheet: ExcelJS.Worksheet,
  columns: ReadonlyArray<{ key: K; zh: string; en: string }>,
): { columnOf: Map<K, number>; unknown: ImportRowError[] } {
  const columnOf = new Map<K, number>();
  const unknown: ImportRowError[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    const text = cellText(cell.value);
    const header = text.toLowerCase();
    if (header === '') return;
    const match = columns.find((c) => c.zh.toLowerCase() === header || c.en.toLowerCase() === header);
    if (match) columnOf.set(match.key, col);
    else
      unknown.push({
        row: 0,
        column: text,
        problem: 'UNKNOWN_COLUMN',
        value: text,
        message: `Column "${text}" is not one this import reads (${columns.map((c) => c.zh).join('、')}); rename or remove it`,
      });
  });
  return { columnOf, unknown };
}
