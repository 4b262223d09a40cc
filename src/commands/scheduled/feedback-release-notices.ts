import type { Action } from '../../domain/action.ts';
import type { StaffNetwork } from '../../domain/feedback.ts';
import type { TagTargets } from '../../domain/feedback-ports.ts';
import type { Store } from '../../domain/ports.ts';
import type { NewDelivery } from '../../domain/schedule-ports.ts';
import { type Block, createReply } from '../reply.ts';
import { composePerOwner, type ReachablePlatforms } from './per-owner.ts';

/** At most this many "Read" buttons in a notice; the text says how to read the rest. */
const MAX_BUTTONS = 5;

/**
 * Buttons that read the feedback: each runs `feedback list <ref>` through the pipeline as the owner who
 * presses it (so the answer, with the text, goes only to them), as if they had typed it.
 */
export function readButtons(actions: readonly Pick<Action, 'ref' | 'plan'>[]): Block[] {
  return actions.slice(0, MAX_BUTTONS).map((a) => ({
    type: 'command-button',
    label: actions.length === 1 ? 'Read them' : `Read ${a.plan.code}:${a.ref}`,
    command: `feedback list ${a.plan.code}:${a.ref}`,
  }));
}

/** Whether a submission reaches an action: tagged to it, or to its theme. */
export function createReach(targets: TagTargets) {
  const themeOf = new Map(targets.actions.map((a) => [a.id, a.themeId]));
  return (item: { actionIds: string[]; themeIds: string[] }, actionId: string) =>
    item.actionIds.includes(actionId) || item.themeIds.includes(themeOf.get(actionId) ?? '');
}

/** The job slot of one network's release notices for one day: composed and sent once. */
export const releaseNoticeKey = (networkId: string, day: string) => `feedback-release:${networkId}:${day}`;

/**
 * After a network's daily release: one message to each owner whose actions are tagged, directly or
 * through their theme, in what was released that day: how many, on which actions, and a button that
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
  const reaches = createReach(targets);
  const tagged = actions.filter((a) => released.some((item) => reaches(item, a.id)));
  return composePerOwner(contacts, tagged, platforms, (_contact, mine) => {
    const count = released.filter((item) => mine.some((a) => reaches(item, a.id))).length;
    const refs = mine.map((a) => {
      const n = released.filter((item) => reaches(item, a.id)).length;
      return `${a.plan.code}:${a.ref} (${n})`;
    });
    const more = mine.length > MAX_BUTTONS ? `\nFor the other actions, type feedback list <ref>.` : '';
    return createReply(
      { type: 'heading', text: 'Anonymous feedback for your actions' },
      {
        type: 'paragraph',
        text: `${count} anonymous submission${count === 1 ? ' was' : 's were'} released to you today by ${network.name}: ${refs.join(', ')}.\nOnly the owners of these actions and the network's moderators can read them; please reply (feedback reply <id> <text>).${more}`,
      },
      ...readButtons(mine),
    );
  });
}
