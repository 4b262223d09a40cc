import { z } from 'zod';
import type { Action } from '../../domain/action.ts';
import { getLocalDay } from '../../domain/feedback.ts';
import { truncate } from '../../domain/format.ts';
import {
  describeStatus,
  findStatusTypo,
  parseStatusWord,
  type RatedStatus,
  type Status,
} from '../../domain/status.ts';
import { canUpdate, decideUpdate, MAX_NOTE_LENGTH, requiresNote } from '../../domain/update-rules.ts';
import { type CommandContext, defineCommand, type ParseResult } from '../command.ts';
import { findCoverRole } from '../cover-rights.ts';
import { describeUpdateError, toUpdateRefusal } from '../messages.ts';
import { findMyActions } from '../my-actions.ts';
import { toActionItem } from '../present.ts';
import { findActionByRef, parseRefWords, type RefText } from '../refs.ts';
import { createErrorReply, createReply } from '../reply.ts';
import { describeCurrentStatus, findRecordedSince } from '../scheduled/living-prompt.ts';
import { getRestOfText, type Token } from '../tokenize.ts';

const MAX_ATTEMPTS = 3;

const updateSchema = z.object({
  ref: z.custom<RefText>(),
  status: z.custom<RatedStatus>().nullable(),
  // Checked here too so a 20,000-character note is refused before any lookup.
  note: z
    .string()
    .max(MAX_NOTE_LENGTH, `That note is too long: keep it under ${MAX_NOTE_LENGTH} characters.`),
});

/** The parsed `update`: a ref (or none, to pick from a form), maybe a status, maybe a note. */
export type UpdateRequest = {
  ref: RefText;
  status: RatedStatus | null;
  note: string;
  /** Written with `--` (a submitted form): never answered with a form, even when empty. */
  submitted?: boolean;
} | null;

function isNoteMarker(token: Token | undefined): boolean {
  return token?.value === '--' && !token.quoted;
}

function checkUpdate(
  ref: RefText,
  status: RatedStatus | null,
  note: string,
  submitted = false,
): ParseResult<UpdateRequest> {
  const checked = updateSchema.safeParse({ ref, status, note });
  if (!checked.success)
    return {
      ok: false,
      error: checked.error.issues[0]?.message ?? 'Invalid update.',
      ...toUpdateRefusal('note_too_long'),
    };
  return { ok: true, value: { ...checked.data, submitted } };
}

// The same click or form delivered twice (double click, platform retry) records once and says so.
function describeDuplicate(action: Action) {
  return createReply({
    type: 'success',
    text: `Already recorded: that update to ${action.plan.code}:${action.ref} was saved once. ${describeCurrentStatus(action)}.`,
  });
}

// A button or form on a copy of a prompt older than the action's latest update: nothing is recorded.
function refuseStale(action: Action, asOf: Date | undefined) {
  if (!asOf || !findRecordedSince(action, asOf)) return null;
  return createErrorReply(
    `That message is out of date: ${describeCurrentStatus(action)}. Nothing was recorded; type update ${action.ref} to change it.`,
    { code: 'stale_prompt' },
  );
}

/** `update <ref> [status] [note...]`: records progress; with only a ref, opens the update form. */
export const updateCommand = defineCommand<UpdateRequest>({
  name: 'update',
  summary: 'Record progress on an action: a new RAG status and/or a note.',
  usage: ['update <ref> [red|amber|green|complete] [note...]', 'update <ref> [status] -- <note as written>'],
  parse({ text, args }) {
    if (args.length === 0) return { ok: true, value: null };
    const parsed = parseRefWords(args);
    if (!parsed.ok) return parsed;
    const [first, second] = parsed.value.rest;
    // `--` ends the words: what follows is the note exactly as written (forms send their notes so).
    if (isNoteMarker(first)) return checkUpdate(parsed.value.ref, null, getRestOfText(text, first), true);
    const status = first && !first.quoted ? parseStatusWord(first.value) : null;
    if (status && isNoteMarker(second))
      return checkUpdate(parsed.value.ref, status, getRestOfText(text, second), true);
    const typo = first && !first.quoted ? findStatusTypo(first.value) : null;
    if (typo) {
      return {
        ok: false,
        error: `"${truncate(first?.value ?? '')}" is not a status. Did you mean ${typo}? (To start a note with that word, quote the note.)`,
      };
    }
    return checkUpdate(parsed.value.ref, status, getRestOfText(text, status ? first : parsed.value.last));
  },
  async run(request, ctx) {
    const now = ctx.clock.now();
    if (!request) {
      const mine = await findMyActions(ctx);
      if (mine.length === 0)
        return createReply({
          type: 'paragraph',
          text: 'You have no actions to update. Type update <ref> for one you may update.',
        });
      return createReply({ type: 'update-form', item: null, choices: mine.map((a) => toActionItem(a, now)) });
    }
    const found = await findActionByRef(request.ref, ctx);
    if (!found.ok) return createErrorReply(found.error);
    let { action } = found;
    // Admins may update anything: their roles need not be read.
    const roles = ctx.isAdmin ? [] : await ctx.store.people.getRoleNames(ctx.person.id);
    // Not an owner: a role's cover may still update its actions, on the role's behalf.
    const onBehalfOf = canUpdate(roles, action.owners, ctx.isAdmin) ? null : await findCoverRole(ctx, action);
    if (onBehalfOf === false)
      return createErrorReply(
        describeUpdateError('not_an_owner', action.ref),
        toUpdateRefusal('not_an_owner'),
      );
    if (ctx.requestKey && (await ctx.store.actions.hasUpdateWithKey(ctx.requestKey)))
      return describeDuplicate(action);
    const stale = refuseStale(action, ctx.asOf);
    if (stale) return stale;
    if (!request.status && !request.note && !request.submitted) {
      return createReply({ type: 'update-form', item: toActionItem(action, now), choices: [] });
    }
    if (ctx.gesture === 'quick-status' && request.status && requiresNote(request.status) && !request.note) {
      // A quick Red or Complete needs a note: the form opens with that status chosen, not a refusal.
      const hint = `${describeStatus(request.status)} needs a note: say what is blocking and what help is needed, or the evidence.`;
      return createReply({
        type: 'update-form',
        item: toActionItem(action, now),
        choices: [],
        status: request.status,
        hint,
      });
    }
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const decision = decideUpdate(action.status, request.status, request.note);
      if (!decision.ok)
        return createErrorReply(
          describeUpdateError(decision.code, action.ref),
          toUpdateRefusal(decision.code),
        );
      const outcome = await ctx.store.actions.recordUpdate({
        actionId: action.id,
        authorId: ctx.person.id,
        source: ctx.platform,
        expectedStatus: decision.oldStatus,
        newStatus: decision.newStatus,
        note: decision.note,
        at: ctx.clock.now(),
        requestKey: ctx.requestKey,
        onBehalfOf,
      });
      if (outcome === 'duplicate') return describeDuplicate(action);
      if (outcome === 'recorded') {
        const asked = await openCheckback(action, decision.newStatus, ctx);
        const change =
          decision.oldStatus === decision.newStatus
            ? `status stays ${describeStatus(decision.newStatus)}`
            : `${describeStatus(decision.oldStatus)} → ${describeStatus(decision.newStatus)}`;
        return createReply({
          type: 'success',
          text: `Updated ${action.plan.code}:${action.ref} (${change})${onBehalfOf ? ` on behalf of ${onBehalfOf}` : ''}.${asked}`,
        });
      }
      // Someone else changed the status meanwhile: decide again against what is there now.
      const fresh = await ctx.store.actions.findAction(action.plan.code, action.ref);
      if (!fresh) break;
      action = fresh;
      const overtaken = refuseStale(action, ctx.asOf);
      if (overtaken) return overtaken;
    }
    return createErrorReply(`${action.ref} is being updated by someone else right now; try again.`);
  },
});

/**
 * Marked Complete: the members of each network whose released feedback is tagged to the action are
 * asked, once, whether it changed things for them (scheduled: the next tick sends the asks). Says so.
 */
async function openCheckback(action: Action, status: Status, ctx: CommandContext): Promise<string> {
  if (status !== 'COMPLETE') return '';
  const asked = await ctx.store.checkbacks.open(
    action.id,
    getLocalDay(ctx.clock.now(), action.plan.timezone),
  );
  return asked.length
    ? ` ${asked.join(' and ')} will be asked, anonymously, whether it changed things for them; results show in show ${action.plan.code}:${action.ref} once enough have answered.`
    : '';
}
