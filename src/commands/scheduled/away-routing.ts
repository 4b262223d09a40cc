import type { AwayState, Recipient } from '../../domain/absence.ts';
import type { Action } from '../../domain/action.ts';
import type { Store } from '../../domain/ports.ts';
import { toRoleKey } from '../../domain/update-rules.ts';
import { formatIsoDate, getLocalDate } from '../../domain/zoned-time.ts';
import { formatIsoLong } from '../away-dates.ts';
import type { Reply } from '../reply.ts';

/** Who is away and the covers on one day: what per-owner messages are routed by. */
export type AwayDay = { state: AwayState; day: string };

/** Reads who is away and the covers on the day `now` falls on in `timeZone`. */
export async function readAwayDay(
  store: Pick<Store, 'absences'>,
  now: Date,
  timeZone: string,
): Promise<AwayDay> {
  const day = formatIsoDate(getLocalDate(now, timeZone));
  return { state: await store.absences.getAwayState(day), day };
}

/**
 * A cover's message says whom they stand in for, before the prompt's buttons: "You cover "Head of
 * People Services" while Harper HR is away (until 15 January 2027): 2.4, 2.5."
 */
export function addCoverNote(message: Reply, recipient: Recipient, mine: readonly Action[]): Reply {
  const lines = recipient.covering.flatMap(({ roleKey, owner, cover }) => {
    const refs = mine.filter((a) => a.owners.some((o) => toRoleKey(o) === roleKey)).map((a) => a.ref);
    if (refs.length === 0) return [];
    return [
      `You cover "${cover?.roleName ?? roleKey}" while ${owner.displayName} is away (until ${formatIsoLong(owner.until)}): ${refs.join(', ')}. Your updates are recorded on the role's behalf.`,
    ];
  });
  if (lines.length === 0) return message;
  const at = message.blocks.findIndex((b) => b.type === 'update-prompt');
  const blocks = [...message.blocks];
  blocks.splice(at === -1 ? blocks.length : at, 0, { type: 'paragraph', text: lines.join('\n') });
  return { ...message, blocks };
}
