import { type Action, describeAuthor } from '../../domain/action.ts';
import { formatShortDateTime } from '../../domain/format.ts';
import type { RecordedUpdate } from '../../domain/message.ts';
import type { Store } from '../../domain/ports.ts';
import { describeStatus } from '../../domain/status.ts';
import { toActionItem } from '../present.ts';
import type { ActionItem, Block, Reply } from '../reply.ts';

// A prompt lives on after it is sent: once someone acts on it, it shows what was recorded in place of
// that action's buttons, and a press on a copy older than the action's latest update records nothing.

/** The action's latest update when it came after `asOf` (the prompt was composed then); else undefined. */
export function findRecordedSince(action: Action, asOf: Date): RecordedUpdate | undefined {
  const last = action.lastUpdate;
  if (!last || last.at.getTime() <= asOf.getTime()) return undefined;
  return {
    status: last.newStatus,
    by: describeAuthor(last) ?? 'someone no longer listed',
    at: formatShortDateTime(last.at, action.plan.timezone),
  };
}

/** "ARAP:2.4 is Green now (Jane Doe, 1 Dec 2026, 10:00)": an action's status, and who set it when. */
export function describeCurrentStatus(action: Action): string {
  const last = action.lastUpdate;
  const who = last
    ? ` (${last.authorName ?? 'someone no longer listed'}, ${formatShortDateTime(last.at, action.plan.timezone)})`
    : '';
  return `${action.plan.code}:${action.ref} is ${describeStatus(action.status)} now${who}`;
}

/**
 * A stored prompt brought up to date: each action as it is now, and those updated since the prompt
 * was composed marked with what was recorded (front doors show that instead of their buttons). The
 * actions stay in their places, so each part of a prompt sent in several stays the same part.
 * Blocks other than prompts, and prompts from before prompts kept their time, are left as they are.
 */
export async function refreshPrompt(reply: Reply, store: Pick<Store, 'actions'>, now: Date): Promise<Reply> {
  const prompts = reply.blocks.filter(
    (b): b is Extract<Block, { type: 'update-prompt' }> => b.type === 'update-prompt' && !!b.asOf,
  );
  if (prompts.length === 0) return reply;
  const planCodes = [...new Set(prompts.flatMap((b) => b.items.map((i) => i.planCode)))];
  // One query for every action the prompt names, whatever its length (an owner may hold 200).
  const actions = new Map(
    (await store.actions.findActions({ planCodes })).map((a) => [`${a.plan.code}:${a.ref}`, a]),
  );
  const refresh = (item: ActionItem, asOf: Date): ActionItem => {
    const action = actions.get(`${item.planCode}:${item.ref}`);
    if (!action) return item; // removed from its plan since: shown as it was
    const recorded = findRecordedSince(action, asOf);
    return { ...toActionItem(action, now), ...(recorded ? { recorded } : {}) };
  };
  return {
    ...reply,
    blocks: reply.blocks.map((b) =>
      b.type === 'update-prompt' && b.asOf
        ? { ...b, items: b.items.map((i) => refresh(i, new Date(b.asOf as string))) }
        : b,
    ),
  };
}

/** "Recorded: Green by Jane Doe, 1 Dec 2026, 10:00": what a prompt shows in place of an action's buttons. */
export function describeRecorded(recorded: RecordedUpdate): string {
  return `Recorded: ${describeStatus(recorded.status)} by ${recorded.by}, ${recorded.at}`;
}
