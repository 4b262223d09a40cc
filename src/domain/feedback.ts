import { formatIsoDate, getLocalDate, getZonedInstant } from './zoned-time.ts';

/**
 * Anonymous lived-experience feedback from staff networks: the pure rules. What a submission is,
 * what text may identify someone, when a batch is released and what the digest may say.
 */

/** Longest experience text accepted (Slack's multi-line input holds 3,000 characters). */
export const MAX_FEEDBACK_LENGTH = 3_000;
/** Longest reply, rejection reason or redaction. */
export const MAX_FEEDBACK_NOTE_LENGTH = 1_000;
/** Default K: a batch is released only when this many approved submissions wait. */
export const DEFAULT_RELEASE_THRESHOLD = 3;
/** Default release time, in the network's zone. */
export const DEFAULT_RELEASE_TIME = '17:00';

/** Where a submission is in its life: moderated, then released to owners in a batch. */
export type FeedbackStatus = 'pending' | 'approved' | 'rejected' | 'released';

/** A staff network as the commands see it. */
export type StaffNetwork = {
  id: string;
  name: string;
  slackChannelId: string | null;
  teamsTeamId: string | null;
  releaseTime: string;
  timezone: string;
  threshold: number;
  /** The last day a release ran (whether or not a batch went out). */
  lastReleaseOn: string | null;
  /** Size of the admin-kept member list (0: none kept). */
  listedMembers: number;
  /** Where to take an incident to be investigated: a short text and a link, or null (none set). */
  signpost: { text: string; url: string } | null;
  /** Working days released feedback may wait for a reply before owners and moderators are chased. */
  respondWithinDays: number;
};

/** One submission as moderators and owners see it: no submitter, only the day. */
export type FeedbackItem = {
  id: string;
  code: string;
  networkName: string;
  text: string;
  /** "ARAP:2.4" for each tagged action. */
  actionRefs: string[];
  /** Theme titles, tagged directly or through an action. */
  themes: string[];
  day: string;
  status: FeedbackStatus;
  rejectReason: string | null;
  redacted: boolean;
  releasedOn: string | null;
  /** The first day an owner of a tagged action read it (released feedback only). */
  readOn: string | null;
  replies: { text: string; day: string; author: string }[];
};

/** Why a submission's text is refused. */
export type FeedbackTextError = 'empty' | 'too_long';

/** Checks the experience text; returns it trimmed. */
export function checkFeedbackText(
  text: string,
): { ok: true; text: string } | { ok: false; code: FeedbackTextError } {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, code: 'empty' };
  if (trimmed.length > MAX_FEEDBACK_LENGTH) return { ok: false, code: 'too_long' };
  return { ok: true, text: trimmed };
}

/** Something in the text that could identify a person, and what kind of thing it is. */
export type IdentifyingText = { text: string; kind: 'email' | 'phone' | 'name' | 'job title' | 'mention' };

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const PHONE = /(?:\+\d{1,3}[\s-]?)?(?:\(?\d{2,5}\)?[\s-]?){2,4}\d{3,4}/g;
const MENTION = /<@[A-Z0-9]+(?:\|[^>]*)?>|(?<![\w.])@[A-Za-z][\w.-]{1,40}/g;
const TITLED = /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+[A-Z][a-z'’-]+/g;
const CAPITALISED_RUN = /\b[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)+\b/g;
// Capitalised words that start sentences or name days and months: not names on their own.
const NOT_NAMES = new Set(
  'I The A An My Our We They He She It This That When Then After Before In On At Last Next Every Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December'.split(
    ' ',
  ),
);

/**
 * Finds text that could identify someone: emails, phone numbers, mentions, personal names (titled,
 * or two capitalised words in a row) and the plan's job titles. A heuristic: the submitter decides.
 */
export function findIdentifyingText(text: string, jobTitles: readonly string[]): IdentifyingText[] {
  const found: IdentifyingText[] = [];
  const add = (value: string, kind: IdentifyingText['kind']) => {
    const clean = value.trim();
    if (clean && !found.some((f) => f.text.toLowerCase() === clean.toLowerCase()))
      found.push({ text: clean, kind });
  };
  for (const m of text.matchAll(EMAIL)) add(m[0], 'email');
  const withoutEmails = text.replace(EMAIL, ' ');
  for (const m of withoutEmails.matchAll(PHONE)) if (m[0].replace(/\D/g, '').length >= 7) add(m[0], 'phone');
  for (const m of withoutEmails.matchAll(MENTION)) add(m[0], 'mention');
  const lower = text.toLowerCase();
  const titles = jobTitles.filter((t) => t.trim().length > 2 && lower.includes(t.toLowerCase()));
  for (const title of titles) add(title, 'job title');
  for (const m of withoutEmails.matchAll(TITLED)) add(m[0], 'name');
  for (const m of withoutEmails.matchAll(CAPITALISED_RUN)) {
    const words = m[0].split(/\s+/).filter((w) => !NOT_NAMES.has(w));
    if (words.length < 2) continue;
    const run = words.join(' ');
    if (titles.some((t) => t.toLowerCase().includes(run.toLowerCase()))) continue;
    add(run, 'name');
  }
  return found;
}

/** One line per finding, for a warning. */
export function describeIdentifyingText(found: readonly IdentifyingText[]): string {
  return found.map((f) => `"${f.text}" (${f.kind})`).join(', ');
}

/** Parses a release time like 17:00 or 9:30; null when it is not a time of day. */
export function parseReleaseTime(text: string): { hour: number; minute: number } | null {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : null;
}

const DEFAULT_RELEASE = parseReleaseTime(DEFAULT_RELEASE_TIME) as { hour: number; minute: number };

/** Whether today's release for a network is due at `now`: past its release time and not yet run today. */
export function getReleaseDue(
  network: Pick<StaffNetwork, 'releaseTime' | 'timezone' | 'lastReleaseOn'>,
  now: Date,
): { due: boolean; today: string } {
  const local = getLocalDate(now, network.timezone);
  const today = formatIsoDate(local);
  const time = parseReleaseTime(network.releaseTime) ?? DEFAULT_RELEASE;
  const releaseAt = getZonedInstant(local, network.timezone, time.hour, time.minute);
  return { due: now >= releaseAt && (network.lastReleaseOn ?? '') < today, today };
}

/** Today in a zone, as YYYY-MM-DD: the only time a submission keeps. */
export function getLocalDay(now: Date, timeZone: string): string {
  return formatIsoDate(getLocalDate(now, timeZone));
}

/**
 * The weekly digest's feedback line: newly released feedback counted by theme, showing only themes whose
 * count reaches K (smaller counts could point at a person). Null when no theme reaches K.
 */
export function composeFeedbackDigestLine(
  released: readonly { themes: readonly string[] }[],
  threshold: number,
): string | null {
  const counts = new Map<string, number>();
  for (const item of released)
    for (const theme of new Set(item.themes)) counts.set(theme, (counts.get(theme) ?? 0) + 1);
  const shown = [...counts]
    .filter(([, n]) => n >= threshold)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (shown.length === 0) return null;
  return `New anonymous feedback from staff networks: ${shown.map(([t, n]) => `${t} ${n}`).join(', ')}.`;
}
