import { z } from 'zod';
import { RATED_STATUSES, type RatedStatus, STATUSES, type Status } from './status.ts';

/**
 * The platform-neutral message every command answers with and the outbox stores: blocks of meaning
 * that each front door renders its own way. Plain data, so it survives a trip through the database.
 */

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
  /**
   * In a prompt brought up to date: the update recorded since it was sent (status, who, when as
   * shown), in place of its buttons.
   */
  recorded?: RecordedUpdate;
};

/** An update a prompt shows it received: the status, who recorded it, and when (en-GB, as shown). */
export type RecordedUpdate = { status: Status; by: string; at: string };

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
  /**
   * Actions needing an update, each with quick status buttons and "Add note" (scheduled prompts).
   * `asOf` (ISO time) is when the prompt was composed: its buttons record nothing for an action
   * updated after it (a stale copy), and bringing it up to date shows those updates in place.
   */
  | { type: 'update-prompt'; items: ActionItem[]; asOf?: string }
  /**
   * The anonymous feedback form, for front doors with forms (a Slack modal): `choices` are the
   * actions and themes to tag (value as the command takes it, e.g. `ARAP:2.4`, `theme ARAP:2`),
   * `selected` the ones already named. Text front doors show the block's neighbours instead.
   */
  | { type: 'feedback-form'; notice: string; choices: { value: string; label: string }[]; selected: string[] }
  /**
   * A document to hand over (a report): front doors upload or attach it; `summary` says what it is.
   * `content` is text, or the file's bytes in base64 when `encoding` is `base64` (a Word document).
   */
  | { type: 'file'; name: string; mediaType: string; content: string; encoding?: 'base64'; summary: string }
  /**
   * A button that runs `command` as the person who presses it, through the same pipeline as typed
   * text (an import's "Import" after its preview). Text front doors show the command to type.
   */
  | { type: 'command-button'; label: string; command: string }
  /**
   * Buttons side by side, each running its command like a command button (a check-back's answers).
   * With `comment`, front doors with cards add a text input so labelled, whose text follows the
   * command after ` -- `; text front doors show the commands to type.
   */
  | { type: 'command-choices'; choices: { label: string; command: string }[]; comment?: string }
  | { type: 'success'; text: string }
  | ({ type: 'error'; text: string } & Partial<Refusal>);

/** What a command answers: blocks of meaning, and who should see them. */
export type Reply = { visibility: 'ephemeral' | 'channel'; blocks: Block[] };

const text = z.string();
const actionItem = z.object({
  planCode: text,
  ref: text,
  title: text,
  status: z.enum(STATUSES),
  owners: z.array(text),
  due: text,
  flags: z.array(z.enum(['overdue', 'needs-update', 'stale'])),
  lastUpdate: text.nullable(),
  recorded: z.object({ status: z.enum(STATUSES), by: text, at: text }).optional(),
});
const block = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text }),
  z.object({ type: z.literal('paragraph'), text }),
  z.object({ type: z.literal('fields'), fields: z.array(z.object({ label: text, value: text })) }),
  z.object({ type: z.literal('actions'), items: z.array(actionItem) }),
  z.object({
    type: z.literal('update-form'),
    item: actionItem.nullable(),
    choices: z.array(actionItem),
    status: z.enum(RATED_STATUSES as [RatedStatus, ...RatedStatus[]]).optional(),
    hint: text.optional(),
  }),
  z.object({ type: z.literal('update-prompt'), items: z.array(actionItem), asOf: text.optional() }),
  z.object({
    type: z.literal('feedback-form'),
    notice: text,
    choices: z.array(z.object({ value: text, label: text })),
    selected: z.array(text),
  }),
  z.object({
    type: z.literal('file'),
    name: text,
    mediaType: text,
    content: text,
    encoding: z.literal('base64').optional(),
    summary: text,
  }),
  z.object({ type: z.literal('command-button'), label: text, command: text }),
  z.object({
    type: z.literal('command-choices'),
    choices: z.array(z.object({ label: text, command: text })),
    comment: text.optional(),
  }),
  z.object({ type: z.literal('success'), text }),
  z.object({
    type: z.literal('error'),
    text,
    code: text.optional(),
    field: z.enum(['action', 'status', 'note']).optional(),
  }),
]);
const replySchema: z.ZodType<Reply> = z.object({
  visibility: z.enum(['ephemeral', 'channel']),
  blocks: z.array(block),
});

/** Reads a stored message back: the reply, or null when the stored JSON is not one (written by another version). */
export function readStoredReply(json: unknown): Reply | null {
  const parsed = replySchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
