import type { CheckbackTallies } from '../domain/checkback.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import type { FeedbackSecrets } from './feedback-secrets.ts';
import { addSealedSubmission } from './sealed-submission.ts';

/*
 * The sealed parts of a check-back: its tally row's bytes (answered hashes sorted, not in the order
 * they came; padded to whole slots; encrypted with the feedback secret), and a comment added to the
 * network's sealed day as a pending submission. README, "What a database copy shows".
 */

type Tx = Prisma.TransactionClient;
/** What a tally row holds, sealed. */
export type Sealed = { answered: string[]; tallies: CheckbackTallies };

/** Whole slots: about 85 answered hashes each, so the row's length moves once in 85 answers. */
export const TALLY_SLOT_BYTES = 4096;

const contextOf = (networkId: string, actionId: string) => `checkback:${networkId}:${actionId}`;

/** A tally's sealed bytes, as base64 for the text column. */
export function sealTally(
  secrets: FeedbackSecrets,
  networkId: string,
  actionId: string,
  value: Sealed,
): string {
  const json = Buffer.from(JSON.stringify({ answered: [...value.answered].sort(), tallies: value.tallies }));
  const padded = Buffer.alloc(Math.ceil((json.length + 4) / TALLY_SLOT_BYTES) * TALLY_SLOT_BYTES);
  padded.writeUInt32BE(json.length, 0);
  json.copy(padded, 4);
  return secrets.seal(contextOf(networkId, actionId), padded).toString('base64');
}

/** What a tally row's sealed column holds. */
export function openTally(
  secrets: FeedbackSecrets,
  networkId: string,
  actionId: string,
  sealed: string,
): Sealed {
  const plain = secrets.open(contextOf(networkId, actionId), Buffer.from(sealed, 'base64'));
  return JSON.parse(plain.subarray(4, 4 + plain.readUInt32BE(0)).toString()) as Sealed;
}

/** A comment as a pending submission in the network's sealed day, tagged to the action; its code. */
export function addComment(
  tx: Tx,
  keys: FeedbackSecrets,
  comment: { networkId: string; actionId: string; day: string; text: string; receiptHash: string },
): Promise<string> {
  const { networkId, day, text, receiptHash } = comment;
  return addSealedSubmission(tx, keys, {
    networkId,
    day,
    text,
    actionIds: [comment.actionId],
    themeIds: [],
    receiptHash,
  });
}
