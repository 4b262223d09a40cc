// Text from people and platforms is checked before any I/O: PostgreSQL refuses NUL in text, other C0
// controls have no business in a plan, and bidi embeddings/overrides can make a note read differently
// to the people it is shown to (U+202E turns "txt.exe" into "exe.txt").

/** C0 control characters other than tab, line feed and carriage return, and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this regex's job.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');
/** Bidi embeddings and overrides (LRE, RLE, PDF, LRO, RLO). Isolates (U+2066–U+2069) stay: they cannot spill. */
const BIDI_OVERRIDES = /[\u202A-\u202E]/g;

/** The first control character in `text`, as `U+0000`; null when there is none. */
export function findControlCharacter(text: string): string | null {
  const found = CONTROL.exec(text)?.[0];
  return found === undefined ? null : `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `text` without control characters (for names a platform hands us). */
export function stripControlCharacters(text: string): string {
  return text.replace(CONTROLS, '');
}

/** `text` without bidi embeddings and overrides, so it reads to others as it was typed. */
export function neutraliseBidi(text: string): string {
  return text.replace(BIDI_OVERRIDES, '');
}
