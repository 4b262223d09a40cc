import { type CheckbackAnswer, parseCheckbackAnswer } from '../../domain/checkback.ts';
import { checkFeedbackText, MAX_FEEDBACK_LENGTH } from '../../domain/feedback.ts';
import { defineCommand } from '../command.ts';
import { parseRefWords, type RefText } from '../refs.ts';
import { createErrorReply } from '../reply.ts';
import type { Token } from '../tokenize.ts';
import { answerCheckback } from './checkback/answer-checkback.ts';

/** A check-back answer as typed or pressed. */
export type CheckbackRequest = {
  ref: RefText;
  answer: CheckbackAnswer;
  comment: string | null;
  asIs: boolean;
};

const isMarker = (t: Token | undefined) => t?.value === '--' && !t.quoted;

/**
 * `checkback <ref> yes|partly|no|dont-know [as-is] [-- comment]`: a staff-network member's anonymous
 * answer to "Has this changed things for you?" about an action marked Complete. Runs anonymously.
 */
export const checkbackCommand = defineCommand<CheckbackRequest>({
  name: 'checkback',
  summary: 'Staff-network members: say anonymously whether a Complete action changed things for you (once).',
  usage: ['checkback <ref> yes|partly|no|dont-know', 'checkback <ref> <answer> [as-is] -- <comment>'],
  parse({ text, args }) {
    const marker = args.findIndex(isMarker);
    const head = marker === -1 ? args : args.slice(0, marker);
    const ref = parseRefWords(head);
    if (!ref.ok) return ref;
    const [word, ...rest] = ref.value.rest;
    const answer = word && !word.quoted ? parseCheckbackAnswer(word.value) : null;
    if (!answer) return { ok: false, error: 'Answer yes, partly, no or dont-know after the ref.' };
    const asIs = rest.length === 1 && rest[0]?.value.toLowerCase() === 'as-is';
    if (rest.length > (asIs ? 1 : 0))
      return { ok: false, error: 'A comment goes after --, like checkback 2.4 partly -- <comment>.' };
    if (marker === -1) return { ok: true, value: { ref: ref.value.ref, answer, comment: null, asIs } };
    const comment = checkFeedbackText(text.slice((args[marker] as Token).end));
    if (!comment.ok)
      return {
        ok: false,
        error:
          comment.code === 'empty'
            ? 'There is no comment after --: leave out -- to answer without one.'
            : `That comment is too long: keep it under ${MAX_FEEDBACK_LENGTH.toLocaleString('en-GB')} characters.`,
      };
    return { ok: true, value: { ref: ref.value.ref, answer, comment: comment.text, asIs } };
  },
  // Always anonymous: no profile look-up, no person row, nothing logged of the asker.
  anonymous: (request) => (ctx) => answerCheckback(request, ctx),
  async run() {
    return createErrorReply('A check-back answer runs anonymously.');
  },
});
