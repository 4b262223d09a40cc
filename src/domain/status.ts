import { getEditDistance } from './closest-match.ts';

/** RAGC status of an action, plus the state before its first update. */
export const STATUSES = ['NOT_RATED', 'RED', 'AMBER', 'GREEN', 'COMPLETE'] as const;
/** One of {@link STATUSES}. */
export type Status = (typeof STATUSES)[number];
/** A status someone can choose in an update (everything but "not yet rated"). */
export type RatedStatus = Exclude<Status, 'NOT_RATED'>;
/** The statuses an update can set, in the order forms and buttons offer them. */
export const RATED_STATUSES: readonly RatedStatus[] = ['GREEN', 'AMBER', 'RED', 'COMPLETE'];

const ALIASES: Record<string, RatedStatus> = {
  red: 'RED',
  r: 'RED',
  amber: 'AMBER',
  a: 'AMBER',
  yellow: 'AMBER',
  green: 'GREEN',
  g: 'GREEN',
  complete: 'COMPLETE',
  completed: 'COMPLETE',
  c: 'COMPLETE',
  done: 'COMPLETE',
  blue: 'COMPLETE', // BRAG plans colour completed actions blue
};

/** The status a word names (case-insensitive, with aliases such as r/a/g/c, done, blue), or null. */
export function parseStatusWord(word: string): RatedStatus | null {
  return ALIASES[word.trim().toLowerCase()] ?? null;
}

/** How a status reads to people: "Red", "Not yet rated". */
export function describeStatus(status: Status): string {
  return status === 'NOT_RATED' ? 'Not yet rated' : status.charAt(0) + status.slice(1).toLowerCase();
}

const LONG_WORDS = ['amber', 'green', 'complete'];

/**
 * A status word that `word` looks like a typo of ("grean" -> "green"), or null. Only the longer
 * words count, so ordinary note words ("read", "a") are never mistaken for statuses.
 */
export function findStatusTypo(word: string): string | null {
  const w = word.toLowerCase();
  if (parseStatusWord(w)) return null;
  for (const target of LONG_WORDS) {
    if (getEditDistance(w, target) <= (target.length > 5 ? 2 : 1)) return target;
  }
  return null;
}
