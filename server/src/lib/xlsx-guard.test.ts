import { describe, expect, it } from 'vitest';
import { zip } from '../../test/zip';
import { checkArchive } from './xlsx-guard';

const limits = { maxEntries: 10, maxInflatedBytes: 1024 * 1024 };
const text = (bytes: number) => Buffer.alloc(bytes, 'A');

describe('the import archive check', () => {
  it('passes a workbook-sized archive and counts what it inflates to', () => {
    expect(
      checkArchive(
        zip([
          ['a.xml', text(1000)],
          ['b.xml', text(2000)],
        ]),
        limits,
      ),
    ).toEqual({ ok: true, entries: 2, inflatedBytes: 3000 });
  });

  it('refuses a bomb by its declared sizes, before inflating anything', () => {
    const bomb = zip([['sheet.xml', text(2 * 1024 * 1024)]]);
    expect(bomb.length).toBeLessThan(10 * 1024);
    expect(checkArchive(bomb, limits)).toEqual({ ok: false, reason: 'more than 1 MB once inflated' });
  });

  it('refuses an entry that declares a small size and inflates past the limit', () => {
    const liar = zip([['sheet.xml', text(4 * 1024 * 1024)]], { declaredSize: () => 100 });
    expect(checkArchive(liar, limits)).toEqual({ ok: false, reason: 'more than 1 MB once inflated' });
    const smallLiar = zip([['sheet.xml', text(5000)]], { declaredSize: () => 100 });
    expect(checkArchive(smallLiar, limits)).toMatchObject({ ok: false, reason: 'an entry that inflates to another size than it declares' });
  });

  it('refuses too many entries, a damaged directory and what is not a zip', () => {
    const many = zip(Array.from({ length: 11 }, (_, i): [string, Buffer] => [`f${i}.xml`, text(10)]));
    expect(checkArchive(many, limits)).toEqual({ ok: false, reason: '11 entries (at most 10)' });
    expect(checkArchive(Buffer.from('name,code\n天台,1\n'), limits)).toEqual({ ok: false, reason: 'not a zip archive' });
    const good = zip([['a.xml', text(1000)]]);
    const damaged = Buffer.from(good);
    damaged.writeUInt32LE(0, damaged.length - 22 - 46 - 5); // the central header's signature
    expect(checkArchive(damaged, limits)).toMatchObject({ ok: false });
  });
});
