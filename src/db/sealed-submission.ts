import { randomUUID } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.ts';
import { readSealedDays, type SealedEntry, writeSealedDay } from './feedback-sealed.ts';
import type { FeedbackSecrets } from './feedback-secrets.ts';

/** What a new pending submission is: its network and day, text, tags and receipt hash; nothing else. */
export type NewSealedSubmission = Pick<SealedEntry, 'text' | 'actionIds' | 'themeIds' | 'receiptHash'> & {
  networkId: string;
  day: string;
};

/**
 * Adds a pending submission to its network's sealed day (the caller holds `lockSealed`) and returns
 * its code, unused by any sealed or released submission. Only these fields: no submitter, no time of day.
 */
export async function addSealedSubmission(
  tx: Prisma.TransactionClient,
  secrets: FeedbackSecrets,
  submission: NewSealedSubmission,
): Promise<string> {
  const days = await readSealedDays(tx, secrets);
  const taken = new Set(days.flatMap((d) => d.entries.map((e) => e.code)));
  let code = secrets.newCode();
  while (taken.has(code) || (await tx.feedback.findUnique({ where: { code }, select: { id: true } })))
    code = secrets.newCode();
  const { networkId, day, text, actionIds, themeIds, receiptHash } = submission;
  const today = days.find((d) => d.networkId === networkId && d.day === day);
  const entry: SealedEntry = {
    id: randomUUID(),
    code,
    text,
    actionIds,
    themeIds,
    receiptHash,
    status: 'pending',
    moderatorId: null,
    moderatedOn: null,
    rejectReason: null,
    redacted: false,
    replies: [],
  };
  await writeSealedDay(tx, secrets, { networkId, day, entries: [...(today?.entries ?? []), entry] });
  return code;
}
