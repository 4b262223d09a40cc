import { defineCommand } from '../command.ts';
import { createErrorReply } from '../reply.ts';
import { checkFeedback, withdrawFeedback } from './feedback/check-feedback.ts';
import { listFeedback } from './feedback/list-feedback.ts';
import { type FeedbackRequest, parseFeedbackRequest } from './feedback/parse-feedback-request.ts';
import { replyToFeedback } from './feedback/reply-to-feedback.ts';
import { showFeedbackForm, submitFeedback } from './feedback/send-feedback.ts';

const USAGE = [
  'feedback [<ref> ...] [theme <ref>]',
  'feedback [to "<network>"] [<ref> ...] [as-is] -- <your experience>',
  'feedback check <receipt>',
  'feedback withdraw <receipt>',
  'feedback list <ref>',
  'feedback reply <id> [share --] <text>',
];

/** `feedback ...`: anonymous lived-experience feedback, its receipts, and owners' view of it. */
export const feedbackCommand = defineCommand<FeedbackRequest>({
  name: 'feedback',
  summary:
    'Send anonymous feedback as a staff-network member; check it with your receipt; owners read and reply.',
  usage: USAGE,
  parse: parseFeedbackRequest,
  // The submitter's sub-commands run with an AnonymousContext: no profile look-up, no person row.
  anonymous(request) {
    switch (request.kind) {
      case 'form':
        return (ctx) => showFeedbackForm(request.tags, ctx);
      case 'submit':
        return (ctx) => submitFeedback(request, ctx);
      case 'check':
        return (ctx) => checkFeedback(request.receipt, ctx);
      case 'withdraw':
        return (ctx) => withdrawFeedback(request.receipt, ctx);
      default:
        return null;
    }
  },
  async run(request, ctx) {
    if (request.kind === 'list') return listFeedback(request.ref, ctx);
    if (request.kind === 'reply') return replyToFeedback(request.code, request.text, request.share, ctx);
    return createErrorReply('That feedback request cannot run here.');
  },
});
