import { parseFeedbackId } from '../../domain/codes.ts';
import {
  DEFAULT_RELEASE_THRESHOLD,
  DEFAULT_RELEASE_TIME,
  getLocalDay,
  MAX_FEEDBACK_NOTE_LENGTH,
} from '../../domain/feedback.ts';
import type { ModerationDecision } from '../../domain/feedback-ports.ts';
import { truncate } from '../../domain/format.ts';
import { defineCommand } from '../command.ts';
import { createErrorReply, createReply } from '../reply.ts';
import { getRestOfText } from '../tokenize.ts';

type ModerateRequest = { kind: 'queue' } | { kind: 'decide'; code: string; decision: ModerationDecision };

/** `moderate [approve|reject|redact <id> ...]`: network moderators review submissions before release. */
export const moderateCommand = defineCommand<ModerateRequest>({
  name: 'moderate',
  summary: 'Network moderators: review anonymous feedback (approve, reject with a reason, redact).',
  usage: [
    'moderate',
    'moderate approve <id>',
    'moderate reject <id> <reason>',
    'moderate redact <id> -- <text to remove>',
  ],
  parse({ text, args }) {
    const [verbToken, codeToken] = args;
    if (!verbToken) return { ok: true, value: { kind: 'queue' } };
    const verb = verbToken.value.toLowerCase();
    if (verb !== 'approve' && verb !== 'reject' && verb !== 'redact')
      return { ok: false, error: `moderate ${truncate(verb)} is not something I can do.` };
    const code = parseFeedbackId(codeToken?.value ?? '');
    if (!code) return { ok: false, error: `Which submission? Give its id, like moderate ${verb} F7K3QX.` };
    const after = args[2]?.value === '--' && !args[2].quoted ? args[2] : codeToken;
    const rest = getRestOfText(text, after);
    if (rest.length > MAX_FEEDBACK_NOTE_LENGTH)
      return { ok: false, error: `That is too long: keep it under ${MAX_FEEDBACK_NOTE_LENGTH} characters.` };
    if (verb === 'approve') {
      if (rest) return { ok: false, error: 'moderate approve takes only the id.' };
      return { ok: true, value: { kind: 'decide', code, decision: { kind: 'approve' } } };
    }
    if (!rest)
      return {
        ok: false,
        error:
          verb === 'reject'
            ? 'Give a reason: the sender reads it with their receipt.'
            : 'Which text should be removed? Write it after --.',
      };
    const decision: ModerationDecision =
      verb === 'reject' ? { kind: 'reject', reason: rest } : { kind: 'redact', part: rest };
    return { ok: true, value: { kind: 'decide', code, decision } };
  },
  async run(request, ctx) {
    const networks = await ctx.store.networks.listModeratedBy(ctx.person.id);
    if (networks.length === 0)
      return createErrorReply('Only staff-network moderators can moderate feedback.');
    if (request.kind === 'queue') {
      const queue = await ctx.store.feedback.listQueue(networks.map((n) => n.id));
      if (queue.length === 0)
        return createReply({ type: 'paragraph', text: 'Nothing is waiting for moderation.' });
      return createReply(
        { type: 'heading', text: `${queue.length} submission${queue.length === 1 ? '' : 's'} to moderate` },
        ...queue.flatMap((item) => [
          {
            type: 'fields' as const,
            fields: [
              { label: 'Id', value: item.code },
              { label: 'Network', value: item.networkName },
              { label: 'Sent on', value: item.day },
              { label: 'Tagged', value: [...item.actionRefs, ...item.themes].join(', ') || 'nothing' },
            ],
          },
          { type: 'paragraph' as const, text: item.text },
        ]),
        {
          type: 'paragraph',
          text: 'moderate approve <id> | moderate reject <id> <reason> | moderate redact <id> -- <text>',
        },
      );
    }
    const item = await ctx.store.feedback.findByCode(request.code);
    // Not found and not yours get the same words: ids reveal nothing about other networks.
    if (!item || !networks.some((n) => n.id === item.networkId))
      return createErrorReply(`No submission ${request.code} in your networks' queue.`);
    const network = networks.find((n) => n.id === item.networkId);
    const day = getLocalDay(ctx.clock.now(), network?.timezone ?? 'Europe/London');
    const result = await ctx.store.feedback.moderate(request.code, request.decision, ctx.person.id, day);
    switch (result) {
      case 'not_found':
        return createErrorReply(`No submission ${request.code} in your networks' queue.`);
      case 'not_pending':
        return createErrorReply(`${request.code} was already moderated (${item.status}).`);
      case 'not_in_text':
        return createErrorReply(
          `"${truncate(request.decision.kind === 'redact' ? request.decision.part : '')}" is not in ${request.code}'s text, exactly as written.`,
        );
      case 'done':
        return createReply({
          type: 'success',
          text:
            request.decision.kind === 'approve'
              ? `Approved ${request.code}: it goes to the owners in the next batch of at least ${network?.threshold ?? DEFAULT_RELEASE_THRESHOLD}, at ${network?.releaseTime ?? DEFAULT_RELEASE_TIME}.`
              : request.decision.kind === 'reject'
                ? `Rejected ${request.code}. The sender sees your reason with their receipt.`
                : `Redacted ${request.code}: that text is gone for good. Approve or reject it next.`,
        });
    }
  },
});
