// Spreadsheet imports against archives built to exhaust memory (issue #13): refused by the archive check
// before ExcelJS inflates them (bench:import measures the memory), on both engines, with nothing imported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../test/engines';
import { countyAdmin } from '../test/factories';
import { createTestApp, errorCode, type Client, type TestApp } from '../test/harness';
import { zip } from '../test/zip';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sheetOf = (xml: Buffer) =>
  zip([
    ['[Content_Types].xml', Buffer.from('<Types/>')],
    ['xl/workbook.xml', Buffer.from('<workbook/>')],
    ['xl/worksheets/sheet1.xml', xml],
  ]);

describe.each(ENGINES)('spreadsheet imports refuse bombs on %s', (engine) => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp(engine, { demo: false });
    admin = await countyAdmin(t);
  });
  afterAll(async () => t?.close());

  const bombs = {
    // 100 MB of one letter: ~100 KB on the wire.
    'a sheet inflating to 100 MB': sheetOf(Buffer.alloc(100 * 1024 * 1024, 'A')),
    // An entry that says it is 1 KB and inflates to 40 MB.
    'an entry lying about its size': zip([['xl/worksheets/sheet1.xml', Buffer.alloc(40 * 1024 * 1024, 'A')]], { declaredSize: () => 1024 }),
    // A million rows in the sheet's own XML.
    'a million rows': sheetOf(
      Buffer.from(Array.from({ length: 1_000_000 }, (_, n) => `<row r="${n + 1}"><c><v>${n}</v></c></row>`).join('')),
    ),
  };

  for (const [what, file] of Object.entries(bombs)) {
    it(`answers ${what} with 400 IMPORT_BAD_FILE, importing nothing`, async () => {
      expect(file.length).toBeLessThan(10 * 1024 * 1024); // within the upload limit: the archive check must catch it
      for (const url of ['/api/enterprises/import', '/api/projects/import']) {
        const res = await admin.request('POST', url, file, { 'content-type': XLSX_MIME });
        expect([res.statusCode, errorCode(res)], `${url}: ${res.body}`).toEqual([400, 'IMPORT_BAD_FILE']);
        expect(res.json<{ error: { message: string } }>().error.message).toMatch(/not accepted/);
      }
      expect((await admin.get('/api/enterprises?pageSize=10')).json<{ total: number }>().total).toBe(0);
      expect((await admin.get('/api/projects?pageSize=10')).json<{ total: number }>().total).toBe(0);
    });
  }
});
