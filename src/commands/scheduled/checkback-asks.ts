import type { ChatSender } from '../../domain/chat-sender.ts';
import { ANSWER_LABELS, CHECKBACK_ANSWERS, CHECKBACK_QUESTION } from '../../domain/checkback.ts';
import { getLocalDay } from '../../domain/feedback.ts';
import type { Store } from '../../domain/ports.ts';
import type { NewDelivery } from '../../domain/schedule-ports.ts';
import { createReply } from '../reply.ts';

/** The job runs that ask a network's members about a Complete action: `checkback:<network>:<action>`. */
export const CHECKBACK_RUN_PREFIX = 'checkback:';

/** How far back a tick looks for a Complete whose check-back was never opened. */
const UNOPENED_LOOKBACK_MS = 7 * 86_400_000;

/**
 * Opens the check-backs `update` recorded Complete for but never opened (the process stopped between
 * the two writes), so no Complete with released tagged feedback goes unasked. Returns how many opened.
 */
export async function openMissedCheckbacks(store: Store, now: Date): Promise<number> {
  let opened = 0;
  for (const missed of await store.checkbacks.listUnopened(new Date(now.getTime() - UNOPENED_LOOKBACK_MS))) {
    const day = getLocalDay(missed.completedAt, missed.timezone);
    if ((await store.checkbacks.open(missed.actionId, day)).length > 0) opened += 1;
  }
  return opened;
}

/**
 * A check-back's asks: one message to each member of the network's linked channel (Slack) or team
 * (Teams), read from the platform now, each sent once by the run (the outbox keeps the member sealed).
 * A network kept as an admin list has only hashes: nobody to message (its members can answer by typing
 * the command). Nothing: the network or action is gone.
 */
export async function composeCheckbackAsks(
  store: Store,
  runKey: string,
  senders: readonly ChatSender[],
): Promise<NewDelivery[]> {
  const [, networkId, actionId] = runKey.split(':');
  const [networks, targets] = await Promise.all([
    store.networks.listNetworks(),
    store.feedback.listTagTargets(),
  ]);
  const network = networks.find((n) => n.id === networkId);
  const action = targets.actions.find((a) => a.id === actionId);
  if (!network || !action) return [];
  const target = `${action.planCode}:${action.ref}`;
  const message = createReply(
    { type: 'heading', text: CHECKBACK_QUESTION },
    {
      type: 'paragraph',
      text:
        `${target} ${action.title} has been marked Complete. ${network.name} sent feedback on it, so its members are asked: ${CHECKBACK_QUESTION.toLowerCase()}\n` +
        `Your answer is anonymous: nobody, Actionbot's admins included, can find out who answered or what. Results are shown only once ${network.threshold} have answered. You can answer once.\n` +
        `A comment is optional, moderated and released like feedback: checkback ${target} <yes|partly|no|dont-know> -- <comment>`,
    },
    {
      type: 'command-choices',
      choices: CHECKBACK_ANSWERS.map((a) => ({
        label: ANSWER_LABELS[a],
        command: `checkback ${target} ${a}`,
      })),
      comment: 'A comment (optional, anonymous, moderated like feedback)',
    },
  );
  const deliveries: NewDelivery[] = [];
  for (const sender of senders) {
    const members = (await sender.listNetworkMembers?.(network)) ?? [];
    for (const id of new Set(members))
      deliveries.push({
        recipient: `member:${sender.platform}:${id}`, // replaced by a keyed hash when stored
        target: { platform: sender.platform, kind: 'member', id },
        message,
      });
  }
  return deliveries;
}
