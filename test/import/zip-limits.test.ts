import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readImportBytes } from '../../src/import/read-import-file.ts';
import { MAX_UNPACKED_BYTES, refuseUnpackedSize } from '../../src/import/zip-limits.ts';

/**
 * A small Office-like zip whose central directory declares that `entry` unpacks to `declared` bytes:
 * what a zip bomb (or a damaged file) looks like before anything is inflated.
 */
function zipDeclaring(entry: string, declared: number): Uint8Array {
  const zip = zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    [entry]: strToU8('<w:document/>'),
  });
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = zip.length - 22; at > 0; at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue; // end of central directory
    let cd = view.getUint32(at + 16, true);
    for (let n = view.getUint16(at + 10, true); n > 0; n--) {
      const nameLength = view.getUint16(cd + 28, true);
      const name = new TextDecoder().decode(zip.subarray(cd + 46, cd + 46 + nameLength));
      if (name === entry) view.setUint32(cd + 24, declared, true); // uncompressed size
      cd += 46 + nameLength + view.getUint16(cd + 30, true) + view.getUint16(cd + 32, true);
    }
    break;
  }
  return zip;
}

describe('Office files that would unpack to more than a plan holds', () => {
  it('refuses a .docx or .xlsx declaring 3 GB in one sentence, from its directory alone', async () => {
    const bomb = zipDeclaring('word/document.xml', 3_000_000_000);
    for (const [name, kind] of [
      ['plan.docx', 'Word'],
      ['plan.xlsx', 'Excel'],
    ] as const) {
      const read = await readImportBytes(name, bomb, { code: 'ARAP' });
      expect(read).toEqual({
        ok: false,
        errors: [
          expect.stringMatching(
            new RegExp(
              `^(plan\\.xlsx: )?this ${kind} file would unpack to 2861 MB, far more than a plan holds .*: save it again from ${kind} and import that$`,
            ),
          ),
        ],
      });
    }
  });

  it('lets a zip whose sizes add up to the limit through, and leaves files fflate cannot list to the readers', async () => {
    expect(
      await refuseUnpackedSize(zipDeclaring('xl/workbook.xml', MAX_UNPACKED_BYTES - 100), 'Excel'),
    ).toBeNull();
    expect(
      await refuseUnpackedSize(zipDeclaring('xl/workbook.xml', MAX_UNPACKED_BYTES + 1), 'Excel'),
    ).toMatch(/would unpack to 100 MB/);
    expect(await refuseUnpackedSize(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'Word')).toBeNull();
  });
});
