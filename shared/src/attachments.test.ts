import { describe, expect, it } from 'vitest';
import { matchesFileSignature } from './attachments';

const bytes = (...parts: Array<string | number[]>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));

describe('file signatures of the accepted attachment types', () => {
  it('accepts the real first bytes of each type', () => {
    expect(matchesFileSignature('image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe(true);
    expect(matchesFileSignature('image/png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(true);
    expect(matchesFileSignature('image/webp', bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe(true);
    expect(matchesFileSignature('application/pdf', bytes('%PDF-1.7'))).toBe(true);
  });

  it('refuses other content, short files and other types', () => {
    expect(matchesFileSignature('image/png', bytes('MZ this is an exe'))).toBe(false);
    expect(matchesFileSignature('image/png', bytes([0x89, 0x50, 0x4e]))).toBe(false);
    expect(matchesFileSignature('image/webp', bytes('RIFF', [1, 2, 3, 4], 'WAVE'))).toBe(false);
    expect(matchesFileSignature('application/pdf', bytes('%PDF'))).toBe(false);
    expect(matchesFileSignature('application/zip', bytes('PK'))).toBe(false);
  });
});
