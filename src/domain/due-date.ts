/** How a due value reads. */
export type DueKind = 'by' | 'from' | 'recurring' | 'ongoing' | 'review' | 'none' | 'unknown';
/** A due value as written, with the date it means where there is one (ISO `YYYY-MM-DD`). */
export type Due = { text: string; date: string | null; kind: DueKind };

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const YEAR = '(\\d{4}|\\d{2})';
const MONTH_YEAR = new RegExp(`^${MONTH}[\\s-]*${YEAR}$`, 'i');
// "by", "by the end of", "end of", "by end": words that may lead a month the action is due by.
const END_OF = /^(?:by\s+)?(?:the\s+)?(?:end\s+(?:of\s+)?)?/i;

/** Reads a due value as plans write it ("March 23", "Ongoing", "October 23, 24 and 25"); the text is always kept. */
export function parseDue(raw: string | null | undefined): Due {
  const text = (raw ?? '').trim().replace(/\s+/g, ' ');
  const t = text.replace(/[.;,]+$/, '').trim();
  const lower = t.toLowerCase();
  if (!t || /^(n\/?a|-+|tbc|tba|none)$/i.test(t)) return { text, date: null, kind: 'none' };
  const exact = readExactDate(t);
  if (exact !== undefined)
    return exact ? { text, date: exact, kind: 'by' } : { text, date: null, kind: 'unknown' };
  const monthYear = readMonthYear(t);
  if (monthYear) return { text, date: endOfMonth(monthYear), kind: 'by' };
  const quarter = /^q([1-4])\s*(\d{4}|\d{2})$/i.exec(t);
  if (quarter)
    return {
      text,
      date: endOfMonth({ year: toYear(quarter[2] ?? ''), month: Number(quarter[1]) * 3 }),
      kind: 'by',
    };
  if (/^\d{4}$/.test(t)) return { text, date: `${t}-12-31`, kind: 'by' };
  const byTarget = /^(by|the|end)\s/i.test(t) ? readMonthYear(t.replace(END_OF, '')) : null;
  if (byTarget) return { text, date: endOfMonth(byTarget), kind: 'by' };
  const from = new RegExp(
    `^(?:from\\s+)?(${MONTH}[\\s-]*${YEAR})(\\s+onwards|\\s+and\\s+ongoing)?$`,
    'i',
  ).exec(t);
  if (from && (from[4] || /^from\s/i.test(t))) {
    const start = readMonthYear(from[1] ?? '');
    if (start) return { text, date: `${start.year}-${pad(start.month)}-01`, kind: 'from' };
  }
  const recurring = readRecurring(t);
  if (recurring) return { text, date: recurring, kind: 'recurring' };
  if (lower.startsWith('ongoing')) {
    const until = /until\s+(.+)$/i.exec(t);
    const end = until && readMonthYear((until[1] ?? '').replace(END_OF, ''));
    return { text, date: end ? endOfMonth(end) : null, kind: 'ongoing' };
  }
  if (
    /^(reviewed\s+)?(quarterly|annual(ly)?|monthly|six[- ]monthly|bi-?annual(ly)?)(\s+review)?$/i.test(t) ||
    /\breview$/i.test(t)
  ) {
    return { text, date: null, kind: 'review' };
  }
  const inside = new RegExp(
    `\\bby\\s+(?:the\\s+)?(?:end\\s+(?:of\\s+)?)?(${MONTH}[\\s-]*${YEAR})\\b`,
    'i',
  ).exec(t);
  const insideDate = inside && readMonthYear(inside[1] ?? '');
  if (insideDate) return { text, date: endOfMonth(insideDate), kind: 'by' };
  return { text, date: null, kind: 'unknown' };
}

type MonthYear = { year: number; month: number };

function readMonthYear(text: string): MonthYear | null {
  const m = MONTH_YEAR.exec(text.trim());
  if (!m) return null;
  return { month: MONTHS[(m[1] ?? '').slice(0, 3).toLowerCase()] ?? 0, year: toYear(m[2] ?? '') };
}

// "June 23, 24", "October 23, 24 and 25", "June 23 and quarterly thereafter": the last date listed.
function readRecurring(text: string): string | null {
  const m = new RegExp(
    `^${MONTH}\\s*${YEAR}((?:\\s*(?:,|and|&)\\s*\\d{2,4})+|\\s+and\\s+\\w+\\s+thereafter)$`,
    'i',
  ).exec(text);
  if (!m) return null;
  const years = [...(m[3] ?? '').matchAll(/\d{2,4}/g)].map((y) => y[0]);
  const month = MONTHS[(m[1] ?? '').slice(0, 3).toLowerCase()] ?? 0;
  return endOfMonth({ month, year: toYear(years[years.length - 1] ?? m[2] ?? '') });
}

// undefined: not a full date at all; null: shaped like one but impossible (31/02/2023).
function readExactDate(text: string): string | null | undefined {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  let parts: [number, number, number] | null = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
  m = parts ? null : /^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$/.exec(text);
  if (m) parts = [toYear(m[3] ?? ''), Number(m[2]), Number(m[1])];
  m = parts ? null : new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH}\\s+${YEAR}$`, 'i').exec(text);
  if (m) parts = [toYear(m[3] ?? ''), MONTHS[(m[2] ?? '').slice(0, 3).toLowerCase()] ?? 0, Number(m[1])];
  if (!parts) return undefined;
  const [year, month, day] = parts;
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? `${year}-${pad(month)}-${pad(day)}` : null;
}

function endOfMonth({ year, month }: MonthYear): string {
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

function toYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
