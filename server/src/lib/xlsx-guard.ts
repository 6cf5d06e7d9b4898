// A spreadsheet upload is a zip archive that the reader (ExcelJS, through JSZip) inflates whole in memory: a
// 300 KB workbook can inflate to 300 MB, and a 5 MB sheet can hold a million rows. Before any reader opens it,
// the archive is checked here: its directory (entry count, declared sizes) and then each entry inflated with
// a hard cap on the output (zlib's maxOutputLength), so an entry that lies about its size is caught too. Memory
// here stays within the cap; a workbook past it never reaches the reader.
import { inflateRawSync } from 'node:zlib';

export interface ArchiveLimits {
  /** Entries in the archive (a workbook has a dozen; a few hundred with many sheets and images). */
  maxEntries: number;
  /** Sum of the entries' declared inflated sizes. */
  maxInflatedBytes: number;
}

/**
 * 5,000 rows of the widest import (projects, ~25 columns) come to ~6 MB of sheet XML and shared strings;
 * 24 MB leaves room for long texts and styles while keeping the reader's memory near 300 MB at worst.
 */
export const IMPORT_ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 500, maxInflatedBytes: 24 * 1024 * 1024 };

export type ArchiveCheck = { ok: true; entries: number; inflatedBytes: number } | { ok: false; reason: string };

const tooBig = (limits: ArchiveLimits): ArchiveCheck => ({
  ok: false,
  reason: `more than ${limits.maxInflatedBytes / 1024 / 1024} MB once inflated`,
});

const EOCD = 0x06054b50;
const CENTRAL_HEADER = 0x02014b50;

/** Checks the zip's directory and each entry's inflated size against `limits`. */
export function checkArchive(file: Buffer, limits: ArchiveLimits = IMPORT_ARCHIVE_LIMITS): ArchiveCheck {
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535, at the very end.
  let eocd = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 0xffff); i--) {
    if (file.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'not a zip archive' };
  const entries = file.readUInt16LE(eocd + 10);
  const directorySize = file.readUInt32LE(eocd + 12);
  const directoryOffset = file.readUInt32LE(eocd + 16);
  // ZIP64 markers: sizes past 4 GB have no place in a spreadsheet import.
  if (entries === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) return { ok: false, reason: 'a ZIP64 archive' };
  if (entries > limits.maxEntries) return { ok: false, reason: `${entries} entries (at most ${limits.maxEntries})` };
  if (directoryOffset + directorySize > eocd) return { ok: false, reason: 'a damaged archive directory' };
  let at = directoryOffset;
  let inflatedBytes = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > eocd || file.readUInt32LE(at) !== CENTRAL_HEADER) return { ok: false, reason: 'a damaged archive directory' };
    const inflated = file.readUInt32LE(at + 24);
    if (inflated === 0xffffffff) return { ok: false, reason: 'a ZIP64 archive' };
    inflatedBytes += inflated;
    if (inflatedBytes > limits.maxInflatedBytes) return tooBig(limits);
    const method = file.readUInt16LE(at + 10);
    const compressed = file.readUInt32LE(at + 20);
    const local = file.readUInt32LE(at + 42);
    if (local + 30 > directoryOffset) return { ok: false, reason: 'a damaged archive directory' };
    const start = local + 30 + file.readUInt16LE(local + 26) + file.readUInt16LE(local + 28);
    if (start + compressed > directoryOffset) return { ok: false, reason: 'a damaged archive entry' };
    // What the entry really inflates to, never past the budget left (declared sizes can lie).
    const budget = limits.maxInflatedBytes - (inflatedBytes - inflated);
    if (method === 8) {
      try {
        if (inflateRawSync(file.subarray(start, start + compressed), { maxOutputLength: Math.max(1, budget) }).length !== inflated)
          return { ok: false, reason: 'an entry that inflates to another size than it declares' };
      } catch (error) {
        if (error instanceof RangeError) return tooBig(limits);
        return { ok: false, reason: 'a damaged archive entry' };
      }
    } else if (method !== 0 || compressed !== inflated) {
      return { ok: false, reason: 'an entry stored in an unsupported way' };
    }
    at += 46 + file.readUInt16LE(at + 28) + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
  }
  return { ok: true, entries, inflatedBytes };
}
