/** A word of command text, with where it stands so the rest of the text can be kept as written. */
export type Token = { value: string; start: number; end: number; quoted: boolean };

// Straight or curly double quotes group words; apostrophes are letters (People's).
const TOKEN = /"([^"]*)"|“([^”]*)”|(\S+)/gu;

/** Splits command text into words; quoted text ("Head of People Services") is one word. */
export function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => {
    const start = m.index ?? 0;
    const quoted = m[3] === undefined;
    return { value: m[1] ?? m[2] ?? m[3] ?? '', start, end: start + m[0].length, quoted };
  });
}

/** The text after a token, as written (trimmed; one pair of surrounding quotes removed). */
export function getRestOfText(text: string, after: Token | undefined): string {
  const rest = (after ? text.slice(after.end) : text).trim();
  const quoted = /^"([^"]*)"$|^“([^”]*)”$/u.exec(rest);
  return (quoted ? (quoted[1] ?? quoted[2] ?? '') : rest).trim();
}
