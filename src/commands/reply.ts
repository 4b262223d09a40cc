import type { RatedStatus, Status } from '../domain/status.ts';

/** Marks an action carries in a listing. */
export type ActionFlag = 'overdue' | 'needs-update' | 'stale';

/** One action as a line in a listing: what every front door shows. */
export type ActionItem = {
  planCode: string;
  ref: string;
  title: string;
  status: Status;
  owners: string[];
  due: string;
  flags: ActionFlag[];
  lastUpdate: string | null;
};

/** Listings cut an action's latest update to this many characters (`show` prints it in full). */
export const LIST_NOTE_LENGTH = 300;
/** Listings cut an action's title to this many characters. */
export const LIST_TITLE_LENGTH = 500;

/** A form input a refusal belongs to, so front doors with forms show it on that input. */
export type FormField = 'action' | 'status' | 'note';

/** Why a request was refused, for front doors: a stable code, and the form input it concerns. */
export type Refusal = { code: string; field?: FormField };

/** A platform-neutral piece of a reply; each front door renders it its own way. */
export type Block =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'fields'; fields: { label: string; value: string }[] }
  | { type: 'actions'; items: ActionItem[] }
  /**
   * Front doors with forms open one; `item` null means "pick one of `choices`". `status` is chosen in
   * advance and `hint` says why the form opened (a quick Red or Complete needs a note).
   */
  | {
      type: 'update-form';
      item: ActionItem | null;
      choices: ActionItem[];
      status?: RatedStatus;
      hint?: string;
    }
  /** Actions needing an update, each with quick status buttons and "Add note" (scheduled prompts). */
  | { type: 'update-prompt'; items: ActionItem[] }
  /**
   * The anonymous feedback form, for front doors with forms (a Slack modal): `choices` are the
   * actions and themes to tag (value as the command takes it, e.g. `ARAP:2.4`, `theme ARAP:2`),
   * `selected` the ones already named. Text front doors show the block's neighbours instead.
   */
  | { type: 'feedback-form'; notice: string; choices: { value: string; label: string }[]; selected: string[] }
  /** A document to hand over (a report): front doors upload or attach it; `summary` says what it is. */
  | { type: 'file'; name: string; mediaType: string; content: string; summary: string }
  | { type: 'success'; text: string }
  | ({ type: 'error'; text: string } & Partial<Refusal>);

/** What a command answers: blocks of meaning, and who should see them. */
export type Reply = { visibility: 'ephemeral' | 'channel'; blocks: Block[] };

/** A reply only the asker sees. */
export function createReply(...blocks: Block[]): Reply {
  return { visibility: 'ephemeral', blocks };
}

/** A short refusal: what was wrong and what was expected, with its code and field when known. Nothing was changed. */
export function createErrorReply(text: string, refusal?: Refusal): Reply {
  return createReply({ type: 'error', text, ...refusal });
}

/** A reply's first refusal, if it is one. */
export function findRefusal(reply: Reply): Extract<Block, { type: 'error' }> | undefined {
  return reply.blocks.find((b): b is Extract<Block, { type: 'error' }> => b.type === 'error');
}

/** Whether a reply is a refusal. */
export function isErrorReply(reply: Reply): boolean {
  return reply.blocks.some((b) => b.type === 'error');
}
