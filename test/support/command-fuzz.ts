// Generated command lines for the pipeline fuzz (test/commands/fuzz.test.ts): the command language's
// own words and refs mixed with hostile text. Deterministic: the same seed gives the same lines.
import {
  BIDI,
  CONTROLS,
  CRONS,
  DATES,
  EMOJI,
  MENTIONS,
  NETWORK_NAMES,
  NOTES,
  NUMBERS,
  QUOTES,
  RECEIPTS,
  REFS,
  SEPARATORS,
  STATUSES,
  UNICODE,
  VERBS,
  WORDS,
} from './command-fuzz-words.ts';

/** mulberry32: a small seeded PRNG, uniform in [0, 1). */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A long word: one character repeated, or random letters; 4,000+ characters, sometimes past the 40,000 limit. */
function createLongToken(random: () => number): string {
  const length = random() < 0.1 ? 40_001 + Math.floor(random() * 100) : 4_000 + Math.floor(random() * 3_000);
  const unit = pick(random, ['x', 'é', '😀', '"', '\u202E', ' a', '-', '1.', 'ab"']);
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function createRandomToken(random: () => number): string {
  const length = 1 + Math.floor(random() * 12);
  let token = '';
  for (let i = 0; i < length; i++) {
    const r = random();
    token +=
      r < 0.6
        ? String.fromCharCode(33 + Math.floor(random() * 94))
        : r < 0.9
          ? String.fromCodePoint(0xa0 + Math.floor(random() * 0x2f00))
          : String.fromCharCode(Math.floor(random() * 0x10000));
  }
  return token;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** One word of a line, chosen by kind with rough weights. */
function createToken(random: () => number): string {
  const r = random();
  if (r < 0.1) return pick(random, WORDS);
  if (r < 0.2) return pick(random, REFS);
  if (r < 0.28) return pick(random, STATUSES);
  if (r < 0.34) return '--';
  if (r < 0.42) return pick(random, NOTES);
  if (r < 0.47) return pick(random, MENTIONS);
  if (r < 0.51) return pick(random, NUMBERS);
  if (r < 0.54) return pick(random, DATES);
  if (r < 0.56) return pick(random, CRONS);
  if (r < 0.59) return pick(random, RECEIPTS);
  if (r < 0.65) return pick(random, QUOTES);
  if (r < 0.71) return pick(random, UNICODE);
  if (r < 0.74) return pick(random, EMOJI);
  if (r < 0.78) return pick(random, CONTROLS);
  if (r < 0.83) return pick(random, BIDI);
  if (r < 0.84) return createLongToken(random);
  if (r < 0.9) return createRandomToken(random);
  // A word with something hostile inside it: `1.1\u0000`, `gr\u202Eeen`.
  const word = pick(random, [...REFS, ...STATUSES, ...WORDS]);
  const cut = Math.floor(random() * (word.length + 1));
  return word.slice(0, cut) + pick(random, [...CONTROLS, ...BIDI, ...EMOJI, '"']) + word.slice(cut);
}

/** Free text (a note, a name, an experience): words people write, with unicode, emoji and bidi mixed in. */
function createText(random: () => number): string {
  const count = 1 + Math.floor(random() * 4);
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    words.push(
      r < 0.4
        ? pick(random, NOTES)
        : r < 0.55
          ? pick(random, UNICODE)
          : r < 0.65
            ? pick(random, EMOJI)
            : r < 0.75
              ? pick(random, BIDI) + pick(random, NOTES)
              : r < 0.9
                ? createRandomToken(random)
                : r < 0.95
                  ? createLongToken(random)
                  : createToken(random),
    );
  }
  return words.join(' ');
}

/** The shapes of real commands, filled with real words most of the time. */
const SHAPES: ((random: () => number) => string[])[] = [
  (r) => ['update', pick(r, REFS), pick(r, STATUSES), createText(r)],
  (r) => ['update', pick(r, REFS), pick(r, STATUSES), '--', createText(r)],
  (r) => ['update', pick(r, REFS), '--', createText(r)],
  (r) => [
    'update',
    pick(r, ['1.1', '1.2', 'ARAP:1.1']),
    pick(r, ['amber', 'green', 'a', 'g']),
    createText(r),
  ],
  (r) => ['show', pick(r, REFS)],
  (r) => [
    pick(r, ['mine', 'plans', 'roles', 'networks', 'cycle', 'help', 'moderate', 'list', 'digest preview']),
  ],
  (r) => ['list', pick(r, [...WORDS, ...STATUSES]), pick(r, ['theme', 'plan']), pick(r, [...REFS, 'ARAP'])],
  (r) => ['feedback', pick(r, REFS), '--', createText(r)],
  (r) => ['feedback', pick(r, ['2.4', 'theme 1', 'ARAP:1.1', 'as-is']), '--', createText(r)],
  (r) => ['feedback', 'to', pick(r, [...QUOTES, ...NETWORK_NAMES]), pick(r, REFS), '--', createText(r)],
  (r) => ['feedback', pick(r, ['check', 'withdraw']), pick(r, RECEIPTS)],
  (r) => [
    'feedback',
    pick(r, ['list', 'reply']),
    pick(r, [...REFS, ...RECEIPTS]),
    pick(r, ['share', '--']),
    createText(r),
  ],
  (r) => [
    'network',
    pick(r, ['create', 'link', 'members', 'moderators', 'release']),
    pick(r, [...QUOTES, ...NETWORK_NAMES]),
    pick(r, ['add', 'remove', ...DATES]),
    pick(r, MENTIONS),
  ],
  (r) => ['network', 'create', `"${createText(r).replaceAll('"', '')}"`],
  (r) => [
    'network',
    pick(r, ['members', 'moderators']),
    pick(r, NETWORK_NAMES),
    pick(r, ['add', 'remove']),
    pick(r, MENTIONS),
    pick(r, MENTIONS),
  ],
  (r) => ['network', 'release', pick(r, NETWORK_NAMES), pick(r, DATES), pick(r, NUMBERS)],
  (r) => [
    'moderate',
    pick(r, ['approve', 'reject', 'redact']),
    pick(r, RECEIPTS),
    pick(r, ['--', 'spam']),
    createText(r),
  ],
  (r) => [
    'cycle',
    'set',
    pick(r, [...REFS, 'ARAP', 'NOPE']),
    pick(r, [...WORDS, ...CRONS]),
    pick(r, NUMBERS),
    pick(r, NUMBERS),
  ],
  (r) => ['owner', pick(r, QUOTES), pick(r, ['remove', ...MENTIONS]), pick(r, MENTIONS)],
  (r) => ['owner', `"${createText(r).replaceAll('"', '')}"`, pick(r, MENTIONS)],
  (r) => ['report', pick(r, ['plan', 'html', 'md', 'csv']), pick(r, ['ARAP', 'md', 'NOPE'])],
  (r) => ['help', pick(r, [...VERBS, ...WORDS])],
];

/** One generated line: a real command's shape, a real verb with random words, or nothing but noise. */
function createLine(random: () => number): string {
  const r = random();
  let words: string[];
  if (r < 0.6) {
    words = (pick(random, SHAPES) as (random: () => number) => string[])(random);
    // Mutate: replace, insert or drop a word now and then.
    for (let i = 0; i < words.length; i++) {
      const m = random();
      if (m < 0.06) words[i] = createToken(random);
      else if (m < 0.1) words.splice(i, 0, createToken(random));
      else if (m < 0.12) words.splice(i, 1);
    }
  } else if (r < 0.92) {
    words = [pick(random, VERBS)];
    const count = Math.floor(random() * 9);
    for (let i = 0; i < count; i++) words.push(createToken(random));
  } else {
    words = [];
    const count = Math.floor(random() * 6);
    for (let i = 0; i < count; i++) words.push(createToken(random));
  }
  let line = '';
  for (const [i, word] of words.entries()) line += (i ? pick(random, SEPARATORS) : '') + word;
  return random() < 0.05 ? pick(random, [' ', '\u202E', '\uFEFF', '\u0000', '\n']) + line : line;
}

/** `count` command lines from `seed`; the same arguments always give the same lines. */
export function createCommandLines(seed: number, count: number): string[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => createLine(random));
}
