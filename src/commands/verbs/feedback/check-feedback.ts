import type { FeedbackItem } from '../../../domain/feedback.ts';
import { toLocalDay } from '../../../domain/feedback-response.ts';
import { formatLongDate } from '../../../domain/format.ts';
import type { AnonymousContext } from '../../command.ts';
import { createErrorReply, createReply, type Reply } from '../../reply.ts';
import { describeFeedbackItem } from './describe-feedback-item.ts';

const STATUS_TEXT: Record<FeedbackItem['status'], string> = {
  pending: 'waiting for a moderator',
  approved: 'approved; it will reach the owners in the next batch',
  rejected: 'not approved',
  released: 'released to the owners of the tagged actions',
};

/** `feedback check <receipt>`: the submission's status and replies. Runs anonymously. */
export async function checkFeedback(receipt: string, ctx: AnonymousContext): Promise<Reply> {
  const item = await ctx.store.feedback.findByReceipt(receipt);
  if (!item) return createErrorReply('No submission has that receipt. Check it for typos.');
  const status = [
    `Status: ${STATUS_TEXT[item.status]}${item.status === 'rejected' && item.rejectReason ? ` (${item.rejectReason})` : ''}.`,
    item.redacted ? 'A moderator redacted part of the text to protect anonymity.' : null,
    ...(item.status === 'released' ? describeResponse(item) : []),
  ].filter(Boolean);
  const replies = item.replies.map((r) => `${r.day}, ${r.author}: ${r.text}`);
  return createReply(...describeFeedbackItem(item), {
    type: 'paragraph',
    text: [...status, replies.length ? `Replies:\n${replies.join('\n')}` : 'No replies yet.'].join('\n'),
  });
}

/** Whether released feedback was read and answered, by the day (never who, never a time). */
function describeResponse(item: FeedbackItem): string[] {
  const day = (iso: string) => formatLongDate(toLocalDay(iso));
  const answered = item.replies[0]?.day; // replies come oldest first
  return [
    item.readOn ? `Read by an owner on ${day(item.readOn)}.` : 'Not yet read by the owners.',
    answered ? `Answered on ${day(answered)}.` : 'Not yet answered.',
  ];
}

/** `feedback withdraw <receipt>`: deletes the submission and its replies. Runs anonymously. */
export async function withdrawFeedback(receipt: string, ctx: AnonymousContext): Promise<Reply> {
  return (await ctx.store.feedback.withdraw(receipt))
    ? createReply({ type: 'success', text: 'Withdrawn: your submission and its replies are deleted.' })
    : createErrorReply('No submission has that receipt. Check it for typos.');
}
