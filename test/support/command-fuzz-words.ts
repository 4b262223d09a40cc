// The vocabulary of the pipeline fuzz (command-fuzz.ts): the command language's own words, and the
// hostile text the issue names. Space-separated lists are words without spaces in them.

const words = (list: string) => list.split(' ');

/** Verbs, with case changes and typos; a bare ref. */
export const VERBS = words(
  'help list show update mine plans report owner roles cycle digest feedback moderate network networks UPDATE Show updaet lst feedbak 2.4 #1.1',
);
/** Sub-commands, filters and keywords of every verb. */
export const WORDS = words(
  'set check withdraw list reply share create link members moderators release add remove approve reject redact preview subscribe unsubscribe weekly theme plan action mine overdue stale unrated html md csv as-is to monthly quarterly termly annually yearly fortnightly open deadline help ARAP',
);
/** Refs that name an action, name nothing, or are not refs. */
export const REFS = words(
  `1.1 1.2 2.4 2.5 1 2 ARAP:1.1 arap:2.4 #2.4 #ARAP:1.2 9.9 X:1.1 NOPE:1.1 1..1 .1 1. ARAP: :1.1 0 01.01 A-1 ${'9'.repeat(20)} 1.1.1.1.1`,
);
/** Status words, abbreviations and typos. */
export const STATUSES = words('red amber green complete r a g c done grene RED Amber blue');
/** Notes people write, with markup and template syntax that must stay text. */
export const NOTES = [
  'note',
  'Budget agreed',
  'Panel met on Tuesday',
  "People's forum",
  'see https://example.org/x?y=1&z=<2>',
  '*bold* _it_ ~s~ `code`',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax typed by a person, to be kept as text.
  '${process.env}',
  '%s %d %n',
  '\\ \\n {{x}} &amp;',
];
/** Slack and plain mentions, broken ones too. */
export const MENTIONS = words(
  '<@U123> <@U0JANE|jane> <@W99> @bob @amara @chair @ @@ <!channel> <#C123|general> <@> <@U123',
);
/** Numbers in range, out of range and not numbers. */
export const NUMBERS = words(
  `0 -1 1 2 5 21 50 51 3.14 1e309 NaN Infinity -0 0x10 ${Number.MAX_SAFE_INTEGER}9`,
);
/** Times and dates, real and impossible. */
export const DATES = words(
  '2026-11-22 2026-02-31 31/12/2026 17:00 00:00 23:59 24:00 25:61 9:5 March Ongoing T12:00Z',
);
/** Quoted cron expressions for `cycle set`, real and impossible. */
export const CRONS = [
  '"0 9 * * 1"',
  '"* * * * *"',
  '"0 0 31 2 *"',
  '"61 25 * * *"',
  '"0 9 1 */3 *"',
  '"@yearly"',
  '""',
];
/** Feedback receipts and submission ids, well and badly formed. */
export const RECEIPTS = words(
  'ABCDE-FGHJK-MNPQR-STVWX abcde-fghjk-mnpqr-stvwx AAAAA-AAAAA-AAAAA-AAAAA ABCDE F7K3QX F00000 fzzzzz',
);
/** Quotes, balanced and not; and a role's name. */
export const QUOTES = [
  '"',
  '“',
  '”',
  '""',
  '“”',
  '"unbalanced',
  'unbalanced"',
  "'",
  '«»',
  '"Chief Executive"',
];
/** Names the fuzz's database knows, quoted. */
export const NETWORK_NAMES = ['"Ethnic Minority Staff Network"', '“Ethnic Minority Staff Network”'];
/** Letters and marks beyond ASCII, invisible characters, and halves of surrogate pairs. */
export const UNICODE = [
  ...words('Zoë Łódź 日本語 العربية עברית ﬁ ß İ Ⅻ ١٢٣ 𝟙.𝟙 ％ ｕｐｄａｔｅ'),
  ...['e\u0301', 'a\u0300\u0301\u0302\u0303', '\u00A0', '\u2028', '\u2029', '\u200B', '\u200D'],
  ...['\uFEFF', '\uFFFD', '\uFFFF', '\uD800', '\uDC00', '\uD83D'],
];
/** Emoji, with skin tones, flags and joiners. */
export const EMOJI = [
  '😀',
  '👩🏽‍💻',
  '🏳️‍🌈',
  '🇬🇧',
  '❤️',
  '🔥🔥🔥',
  '\u{1F9D1}\u{200D}\u{1F91D}\u{200D}\u{1F9D1}',
];
/** C0 controls (NUL first), DEL, an ANSI colour, NEL, and the whitespace controls that are allowed. */
export const CONTROLS = [
  ...['\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B[31m', '\u001F', '\u007F'],
  ...['\u0085', '\t', '\n', '\r\n', '\r'],
];
/** Bidi embeddings, overrides (U+202A–U+202E), isolates (U+2066–U+2069) and marks. */
export const BIDI = [
  ...['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'],
  ...['\u200E', '\u200F', '\u061C'],
];
/** What stands between words. */
export const SEPARATORS = [' ', ' ', ' ', ' ', '  ', '\t', '\n', ' \u3000 '];
