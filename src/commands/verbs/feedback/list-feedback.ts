import { getLocalDay } from '../../../domain/feedback.ts';
import { canUpdate } from '../../../domain/update-rules.ts';
import type { CommandContext } from '../../command.ts';
import { findActionByRef, type RefText } from '../../refs.ts';
import { createErrorReply, createReply, type Reply } from '../../reply.ts';
import { describeFeedbackItem } from './describe-feedback-item.ts';

/** `feedback list <ref>`: an action's owners read the released feedback tagged to it. */
export async function listFeedback(ref: RefText, ctx: CommandContext): Promise<Reply> {
  const found = await findActionByRef(ref, ctx);
  if (!found.ok) return createErrorReply(found.error);
  const { action } = found;
  const name = `${action.plan.code}:${action.ref}`;
  const roles = await ctx.store.people.getRoleNames(ctx.person.id);
  if (!canUpdate(roles, action.owners, ctx.isAdmin))
    return createErrorReply(`Only the owners of ${name} can read its feedback.`);
  const themeId =
    (await ctx.store.feedback.listTagTargets()).actions.find((a) => a.id === action.id)?.themeId ?? null;
  const items = await ctx.store.feedback.listReleasedFor(action.id, themeId);
  // Read, by the day: only when an owner lists it (an admin who holds none of its roles is not one).
  if (canUpdate(roles, action.owners, false))
    await ctx.store.feedback.markRead(
      items.map((i) => i.id),
      getLocalDay(ctx.clock.now(), 'Europe/London'),
    );
  if (items.length === 0)
    return createReply({ type: 'paragraph', text: `No released feedback is tagged to ${name} yet.` });
  return createReply(
    {
      type: 'heading',
      text: `${items.length} anonymous submission${items.length === 1 ? '' : 's'} on ${name}`,
    },
    ...items.flatMap((item) => [
      ...describeFeedbackItem(item).slice(1),
      {
        type: 'paragraph' as const,
        text: `${item.code} · released ${item.releasedOn}${item.replies.length ? ` · ${item.replies.length} repl${item.replies.length === 1 ? 'y' : 'ies'}` : ''} · reply with feedback reply ${item.code} <text>`,
      },
    ]),
  );
}
