// Text from people and platforms is checked before any I/O: PostgreSQL refuses NUL in text, other C0
// controls have no business in a plan, half a surrogate pair is not text at all (the database driver
// cannot encode it), and bidi embeddings, overrides and isolates can make a note read differently to the
// people it is shown to (U+202E turns "txt.exe" into "exe.txt"; U+2067 does the same within its run).

/** C0 control characters other than tab, line feed and carriage return, and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's job.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');
/** A UTF-16 surrogate without its other half (with the u flag only unpaired ones match). */
const UNPAIRED_SURROGATE = /\p{Cs}/u;
const UNPAIRED_SURROGATES = /\p{Cs}/gu;
/**
 * Bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO) and isolates (LRI, RLI, FSI, PDI): the
 * "Trojan Source" set. An isolate cannot spill past its paragraph, but it still reorders what is inside it.
 */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

const describeCodeUnit = (unit: string) =>
  `U+${unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The first control character in `text`, as `U+0000`; null when there is none. */
export function findControlCharacter(text: string): string | null {
  const found = CONTROL.exec(text)?.[0];
  return found === undefined ? null : describeCodeUnit(found);
}

/**
 * What {@link findBrokenCharacter} found: where (a UTF-16 index), which (`U+0000`), and whether it is a
 * control character or half a surrogate pair standing alone (a cut emoji).
 */
export type BrokenCharacter = { index: number; code: string; kind: 'control' | 'half-pair' };

const BROKEN = new RegExp(`${CONTROL.source}|${UNPAIRED_SURROGATE.source}`, 'u');

/** The first control character or half surrogate pair in `text`, with where it is; null when there is none. */
export function findBrokenCharacter(text: string): BrokenCharacter | null {
  const found = BROKEN.exec(text);
  if (!found) return null;
  const kind = CONTROL.test(found[0]) ? 'control' : 'half-pair';
  return { index: found.index, code: describeCodeUnit(found[0]), kind };
}

/** `text` without control characters or unpaired surrogates (for names a platform hands us). */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROLS, '').replace(UNPAIRED_SURROGATES, '');
}

/** `text` without bidi embeddings, overrides and isolates, so it reads to others as it was typed. */
export function neutraliseBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
