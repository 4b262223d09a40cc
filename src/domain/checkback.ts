import type { MemberIdentity } from './feedback-ports.ts';

/**
 * The network asked before an action's Complete counts (issue 16 item 3): the pure rules. When an
 * action with released feedback tagged to it is marked Complete, the members of each network whose
 * feedback it is are asked once, anonymously, whether it changed things for them.
 */

/** The question every member is asked. */
export const CHECKBACK_QUESTION = 'Has this changed things for you?';

/** The four answers, as typed (`checkback 2.4 partly`) and counted. */
export const CHECKBACK_ANSWERS = ['yes', 'partly', 'no', 'dont-know'] as const;
export type CheckbackAnswer = (typeof CHECKBACK_ANSWERS)[number];

/** How each answer reads. */
export const ANSWER_LABELS: Record<CheckbackAnswer, string> = {
  yes: 'Yes',
  partly: 'Partly',
  no: 'No',
  'dont-know': "Don't know",
};

/** Counts of each answer: never who gave which. */
export type CheckbackTallies = Record<CheckbackAnswer, number>;

/** One network's check-back on one action, as its results are read. */
export type CheckbackResult = {
  actionId: string;
  networkName: string;
  /** The network's K: results are shown only once at least this many answered. */
  threshold: number;
  askedOn: string;
  tallies: CheckbackTallies;
};

/** An answer word as typed (any case; `dontknow`, `don't-know`, `unsure` too), or null. */
export function parseCheckbackAnswer(word: string): CheckbackAnswer | null {
  const w = word.toLowerCase().replace(/[’']/g, '');
  if (w === 'dontknow' || w === 'dont-know' || w === 'unsure') return 'dont-know';
  return (CHECKBACK_ANSWERS as readonly string[]).includes(w) ? (w as CheckbackAnswer) : null;
}

/** Tallies with nothing counted. */
export function emptyTallies(): CheckbackTallies {
  return { yes: 0, partly: 0, no: 0, 'dont-know': 0 };
}

/** How many answered. */
export function countAnswers(tallies: CheckbackTallies): number {
  return CHECKBACK_ANSWERS.reduce((n, a) => n + tallies[a], 0);
}

/**
 * One line for a check-back: the counts once at least K answered, otherwise only that the network was
 * asked and fewer than K have answered (no number: a count of one or two could point at someone).
 */
export function describeCheckback(result: CheckbackResult): string {
  const answered = countAnswers(result.tallies);
  if (answered < result.threshold)
    return `${result.networkName} was asked "${CHECKBACK_QUESTION}": results show once ${result.threshold} have answered.`;
  const counts = CHECKBACK_ANSWERS.map((a) => `${ANSWER_LABELS[a]} ${result.tallies[a]}`).join(', ');
  return `${result.networkName}, asked "${CHECKBACK_QUESTION}": ${counts} (${answered} answered).`;
}

/** Whether a check-back's results may be shown: at least K answered. */
export function isCheckbackShown(result: CheckbackResult): boolean {
  return countAnswers(result.tallies) >= result.threshold;
}

/** What recording an answer did. */
export type CheckbackOutcome =
  | { ok: true; network: string; receipt: string | null; code: string | null }
  /** `none`: no network was asked about this action; `not-member`: the person is in none of them; `answered`: once only. */
  | { ok: false; code: 'none' | 'not-member' | 'answered' };

/** An answer to record: who answers is used for a keyed hash and forgotten. */
export type NewCheckbackAnswer = {
  actionId: string;
  /** The networks asked about the action that the person is a member of (checked live just before). */
  networkIds: string[];
  who: MemberIdentity;
  answer: CheckbackAnswer;
  /** An optional comment: a pending submission of the network tagged to the action. */
  comment: string | null;
  day: string;
};

/** The asks and answers of check-backs. */
export type CheckbackRepository = {
  /**
   * Opens the check-back of a Complete action: one sealed tally and one job run (its asks) for each
   * network with released feedback tagged to it (directly or through its theme) not asked before.
   * Returns the networks newly asked (none: nothing tagged, or every one asked already).
   */
  open(actionId: string, day: string): Promise<string[]>;
  /**
   * Actions marked Complete since `since`, still Complete, with released feedback tagged to them and no
   * check-back opened: a process that stopped between the update and its `open` left them (the
   * scheduler opens them then).
   */
  listUnopened(since: Date): Promise<{ actionId: string; completedAt: Date; timezone: string }[]>;
  /** The networks asked about an action: their ids and what a membership check needs. */
  listAsked(actionId: string): Promise<{ networkId: string; networkName: string }[]>;
  /** Records an answer once per member and action, with its comment in the same transaction. */
  answer(answer: NewCheckbackAnswer): Promise<CheckbackOutcome>;
  /** The results of the check-backs on these actions (every one, when not given). */
  listResults(actionIds?: string[]): Promise<CheckbackResult[]>;
};
