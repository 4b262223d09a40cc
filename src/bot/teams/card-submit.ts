import { createHash } from 'node:crypto';
import { z } from 'zod';
import { parseTarget } from '../../domain/codes.ts';
import { RATED_STATUSES, type RatedStatus } from '../../domain/status.ts';

/** The key our cards' Action.Submit data carry, naming the gesture; other submits are not ours. */
export const SUBMIT_KEY = 'actionbot';

/** A card gesture: the form saved, a quick status button, or a form asked for. */
export type CardSubmit =
  | { kind: 'update'; planCode: string; ref: string; status: RatedStatus | null; note: string }
  | { kind: 'quick'; planCode: string; ref: string; status: RatedStatus };

/**
 * An input's id in a card: `status`, or `status:ARAP:2.4` where one card holds a form per action
 * (input ids must be unique in a card, and Teams submits the inputs of all of them together).
 */
export function inputId(name: 'status' | 'note', target?: string): string {
  return target ? `${name}:${target}` : name;
}

const status = z.enum(RATED_STATUSES as [RatedStatus, ...RatedStatus[]]);
const submitSchema = z.object({
  [SUBMIT_KEY]: z.enum(['update', 'quick']),
  // The form's own action (a fixed target) or the picker's choice (Input.ChoiceSet "target").
  target: z.string(),
  status: z.union([status, z.literal('')]).optional(),
  note: z.string().max(40_000).optional(),
});

const feedbackSchema = z.object({
  [SUBMIT_KEY]: z.literal('feedback'),
  experience: z.string().max(40_000).default(''),
  // The searchable list (one choice; a multi-select would join several with commas) and typed refs.
  tags: z.string().max(10_000).optional(),
  refs: z.string().max(1_000).optional(),
  asIs: z.string().optional(),
});

/**
 * The command a submitted anonymous feedback card stands for (`feedback [as-is] [tags] -- text`), or
 * null when the value is not that card's. It runs as typed text: the same anonymous path, no stored
 * reference, no roster look-up of the sender.
 */
export function readFeedbackSubmit(value: unknown): string | null {
  const parsed = feedbackSchema.safeParse(value);
  if (!parsed.success) return null;
  const tags = [...(parsed.data.tags ?? '').split(','), ...(parsed.data.refs ?? '').split(/[\s,]+/)]
    .map((t) => t.trim())
    .filter(Boolean);
  const asIs = parsed.data.asIs === 'as-is' ? 'as-is' : '';
  return ['feedback', asIs, ...tags, '--', parsed.data.experience.trim()].filter(Boolean).join(' ');
}

const commandSchema = z.object({
  [SUBMIT_KEY]: z.literal('command'),
  text: z.string().min(1).max(40_000),
  // A command-choices card's comment input: its text follows the command after ` -- `.
  comment: z.string().max(40_000).optional(),
});

/** The command a reply's command button (an import's "Import") runs, or null when the value is not one. */
export function readCommandSubmit(value: unknown): string | null {
  const parsed = commandSchema.safeParse(value);
  if (!parsed.success) return null;
  const comment = parsed.data.comment?.trim();
  return comment ? `${parsed.data.text} -- ${comment}` : parsed.data.text;
}

/** Reads a card submission (activity.value); null when it is not one of ours or is malformed. */
export function readCardSubmit(value: unknown): CardSubmit | null {
  const parsed = submitSchema.safeParse(withPlainInputIds(value));
  if (!parsed.success) return null;
  const { target, status: chosen, note } = parsed.data;
  const action = parseTarget(target);
  if (!action) return null;
  const { planCode, ref } = action;
  if (parsed.data[SUBMIT_KEY] === 'quick')
    return chosen ? { kind: 'quick', planCode, ref, status: chosen } : null;
  return { kind: 'update', planCode, ref, status: chosen || null, note: note ?? '' };
}

/** A prompt card's `status:<target>` / `note:<target>` inputs read as the form's `status` / `note`. */
function withPlainInputIds(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const data = value as Record<string, unknown>;
  const target = typeof data.target === 'string' ? data.target : undefined;
  // A quick status button carries its own status; only a form's save reads the inputs.
  if (!target || data[SUBMIT_KEY] !== 'update') return value;
  const pick = (name: 'status' | 'note') => data[inputId(name, target)] ?? data[name];
  const { [inputId('status', target)]: _s, [inputId('note', target)]: _n, ...rest } = data;
  return { ...rest, status: pick('status'), note: pick('note') };
}

/**
 * A stable key for one card gesture: the card's message, who clicked and what they submitted. Teams
 * delivering the same submit twice (a double click, a retry) gives the same key, so it records once.
 */
export function hashSubmitKey(cardMessageId: string, userId: string, submit: CardSubmit): string {
  const parts = [cardMessageId, userId, JSON.stringify(submit)];
  return `teams:${createHash('sha256').update(parts.join('\u0000')).digest('hex')}`;
}
