import type { StaffNetwork } from '../../domain/feedback.ts';
import type { Store } from '../../domain/ports.ts';
import type { NewDelivery } from '../../domain/schedule-ports.ts';
import { createReply } from '../reply.ts';
import { composePerOwner, type ReachablePlatforms } from './per-owner.ts';

/** The job slot of one network's release notices for one day: composed and sent once. */
export const releaseNoticeKey = (networkId: string, day: string) => `feedback-release:${networkId}:${day}`;

/**
 * After a network's daily release: one message to each owner whose actions are tagged, directly or
 * through their theme, in what was released that day: how many, on which actions, and the command that
 * reads them. Never the text, never a channel. Nothing released that day: no messages.
 */
export async function composeReleaseNotices(
  store: Store,
  network: StaffNetwork,
  day: string,
  platforms: ReachablePlatforms,
): Promise<NewDelivery[]> {
  const released = await store.feedback.listReleasedOn(network.id, day);
  if (released.length === 0) return [];
  const [targets, actions, contacts] = await Promise.all([
    store.feedback.listTagTargets(),
    store.actions.findActions({}),
    store.scheduleReads.listOwnerContacts(),
  ]);
  const themeOf = new Map(targets.actions.map((a) => [a.id, a.themeId]));
  /** The actions a submission reaches: those tagged, and every action of a tagged theme. */
  const reaches = (item: { actionIds: string[]; themeIds: string[] }, actionId: string) =>
    item.actionIds.includes(actionId) || item.themeIds.includes(themeOf.get(actionId) ?? '');
  const tagged = actions.filter((a) => released.some((item) => reaches(item, a.id)));
  return composePerOwner(contacts, tagged, platforms, (_contact, mine) => {
    const count = released.filter((item) => mine.some((a) => reaches(item, a.id))).length;
    const refs = mine.map((a) => {
      const n = released.filter((item) => reaches(item, a.id)).length;
      return `${a.plan.code}:${a.ref} (${n})`;
    });
    const first = mine[0];
    return createReply(
      { type: 'heading', text: 'Anonymous feedback for your actions' },
      {
        type: 'paragraph',
        text: `${count} anonymous submission${count === 1 ? ' was' : 's were'} released to you today by ${network.name}: ${refs.join(', ')}.${first ? `\nRead them: feedback list ${first.plan.code}:${first.ref}` : ''}\nOnly the owners of these actions and the network's moderators can read them; please reply (feedback reply <id> <text>).`,
      },
    );
  });
}
