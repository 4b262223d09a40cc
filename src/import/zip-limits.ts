/** The most a .docx or .xlsx may unpack to: 100 MB, twenty times the largest plan file read. */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;

/**
 * Why an Office file (a zip) must not be unpacked: the sizes its central directory declares add up
 * to more than any plan could hold (a "zip bomb", or a damaged file). Only the directory is read,
 * nothing is inflated (fflate, loaded here). Null when the sizes are plausible or the zip cannot be
 * read at all (the Word or Excel reader then refuses it in its own words).
 */
export async function refuseUnpackedSize(bytes: Uint8Array, kind: 'Word' | 'Excel'): Promise<string | null> {
  const { unzipSync } = await import('fflate');
  let total = 0;
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        total += entry.originalSize;
        return false; // sizes only: no entry is inflated
      },
    });
  } catch {
    return null; // not a zip fflate can list: the reader's own refusal says what to do
  }
  if (total <= MAX_UNPACKED_BYTES) return null;
  return `this ${kind} file would unpack to ${Math.round(total / 1024 / 1024)} MB, far more than a plan holds (it is damaged or made to overload importers): save it again from ${kind} and import that`;
}
