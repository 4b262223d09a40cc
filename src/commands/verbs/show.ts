import { describeCheckback } from '../../domain/checkback.ts';
import { describeStatus } from '../../domain/status.ts';
import { defineCommand } from '../command.ts';
import { describeUpdate, toActionItem } from '../present.ts';
import { findActionByRef, parseRefWords, type RefText } from '../refs.ts';
import { createErrorReply, createReply } from '../reply.ts';

const HISTORY_SHOWN = 5;
const flagText = {
  overdue: 'Overdue',
  'needs-update': 'Needs an update this cycle',
  stale: 'Stale: a whole cycle with no update',
};

/** `show <ref>`: everything about one action, with its recent history. */
export const showCommand = defineCommand<{ ref: RefText }>({
  name: 'show',
  summary: 'Show one action: owners, due date, status, success measure and recent updates.',
  usage: ['show <ref>'],
  parse({ args }) {
    const parsed = parseRefWords(args);
    if (!parsed.ok) return parsed;
    if (parsed.value.rest.length > 0) return { ok: false, error: 'show takes one action ref.' };
    return { ok: true, value: { ref: parsed.value.ref } };
  },
  async run({ ref }, ctx) {
    const found = await findActionByRef(ref, ctx);
    if (!found.ok) return createErrorReply(found.error);
    const { action } = found;
    const item = toActionItem(action, ctx.clock.now());
    const history = await ctx.store.actions.getHistory(action.id, HISTORY_SHOWN);
    const fields = [
      { label: 'Plan', value: `${action.plan.code}: ${action.plan.title}` },
      ...(action.theme ? [{ label: 'Theme', value: `${action.theme.ref}. ${action.theme.title}` }] : []),
      { label: 'Status', value: describeStatus(action.status) },
      { label: 'Owners', value: action.owners.join('; ') || 'none' },
      { label: 'Due', value: item.due },
      ...(item.flags.length
        ? [{ label: 'Attention', value: item.flags.map((f) => flagText[f]).join('; ') }]
        : []),
      ...(action.successMeasure ? [{ label: 'Success looks like', value: action.successMeasure }] : []),
      ...(action.metrics.length ? [{ label: 'Metrics', value: action.metrics.join(', ') }] : []),
    ];
    const updates = history.map((u) => describeUpdate(u, action.plan.timezone));
    // The networks asked before Complete counted: counts only once K answered, never who.
    const checkbacks = await ctx.store.checkbacks.listResults([action.id]);
    return createReply(
      { type: 'heading', text: `${action.ref} ${action.title}` },
      ...(action.description ? [{ type: 'paragraph' as const, text: action.description }] : []),
      { type: 'fields', fields },
      {
        type: 'paragraph',
        text: updates.length
          ? `Recent updates:\n${updates.map((u) => `• ${u}`).join('\n')}`
          : 'No updates yet.',
      },
      ...(checkbacks.length
        ? [
            {
              type: 'paragraph' as const,
              text: `Asked before Complete counts:\n${checkbacks.map((c) => `• ${describeCheckback(c)}`).join('\n')}`,
            },
          ]
        : []),
    );
  },
});
