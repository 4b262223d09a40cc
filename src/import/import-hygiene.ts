import { type BrokenCharacter, findBrokenCharacter, neutraliseBidi } from '../domain/text-hygiene.ts';

// An imported file gets the command pipeline's text hygiene (src/domain/text-hygiene.ts): a control
// character or half a surrogate pair refuses the whole file, naming where it is, before anything is
// written; bidi embeddings, overrides and isolates are removed, so a title reads to everyone as it did
// to whoever wrote it.

/** Clean text, or the one line saying where the file has a character it cannot have. */
export type CleanText = { ok: true; text: string } | { ok: false; errors: [string] };

const describeBroken = (found: BrokenCharacter) =>
  found.kind === 'control'
    ? `a control character (${found.code})`
    : `half a character (${found.code}, part of an emoji or symbol)`;

/** The file's text without bidi controls; refused, naming the line, for a control character or half pair. */
export function cleanImportText(text: string): CleanText {
  const found = findBrokenCharacter(text);
  if (found) {
    const line = text.slice(0, found.index).split('\n').length;
    return {
      ok: false,
      errors: [`line ${line} has ${describeBroken(found)}: remove it and import the file again`],
    };
  }
  return { ok: true, text: neutraliseBidi(text) };
}

/**
 * Parsed YAML or JSON with every string cleaned the same way, for what escapes (`"\u0000"`,
 * `"\u202E"`) put back after the text was checked; refused naming the field (`themes.0.title`).
 */
export function cleanImportValues(
  data: unknown,
): { ok: true; data: unknown } | { ok: false; errors: [string] } {
  const broken = findBrokenValue(data, []);
  if (broken)
    return {
      ok: false,
      errors: [
        `${broken.path || '(file)'} has ${describeBroken(broken.found)}: remove it and import the file again`,
      ],
    };
  return { ok: true, data: mapStrings(data, neutraliseBidi) };
}

function findBrokenValue(value: unknown, path: string[]): { path: string; found: BrokenCharacter } | null {
  if (typeof value === 'string') {
    const found = findBrokenCharacter(value);
    return found && { path: path.join('.'), found };
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const broken = findBrokenValue(item, [...path, key]);
    if (broken) return broken;
  }
  return null;
}

function mapStrings(value: unknown, clean: (text: string) => string): unknown {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, clean));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, clean)]));
}
