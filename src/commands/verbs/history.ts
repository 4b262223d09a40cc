import { formatShortDate } from '../../domain/format.ts';
import { getStatusSpans } from '../../domain/report/status-spans.ts';
import { describeStatus } from '../../domain/status.ts';
import { getLocalDate } from '../../domain/zoned-time.ts';
import { defineCommand } from '../command.ts';
import { describeUpdate, STATUS_MARKS } from '../present.ts';
import { findActionByRef, parseRefWords, type RefText } from '../refs.ts';
import { createErrorReply, createReply } from '../reply.ts';

// Every update is read for the stretches; the list shows the latest ones, so a reply stays readable.
const MAX_UPDATES = 10_000;
const UPDATES_SHOWN = 20;

/** `history <ref>`: an action's status over time, and its updates. */
export const historyCommand = defineCommand<{ ref: RefText }>({
  name: 'history',
  summary: "An action's status over time: each stretch of Red, Amber, Green or Complete, and its updates.",
  usage: ['history <ref>'],
  parse({ args }) {
    const parsed = parseRefWords(args);
    if (!parsed.ok) return parsed;
    if (parsed.value.rest.length > 0) return { ok: false, error: 'history takes one action ref.' };
    return { ok: true, value: { ref: parsed.value.ref } };
  },
  async run({ ref }, ctx) {
    const found = await findActionByRef(ref, ctx);
    if (!found.ok) return createErrorReply(found.error);
    const { action } = found;
    const zone = action.plan.timezone;
    const newestFirst = await ctx.store.actions.getHistory(action.id, MAX_UPDATES);
    const updates = [...newestFirst].reverse();
    const day = (at: Date) => formatShortDate(getLocalDate(at, zone));
    const spans = getStatusSpans(action, updates).map(
      (s) =>
        `${STATUS_MARKS[s.status]} ${describeStatus(s.status)}: ${s.until ? `${day(s.from)} to ${day(s.until)}` : `since ${day(s.from)}`}`,
    );
    const shown = newestFirst.slice(0, UPDATES_SHOWN).map((u) => `• ${describeUpdate(u, zone)}`);
    const more = newestFirst.length - shown.length;
    return createReply(
      { type: 'heading', text: `${action.plan.code}:${action.ref} ${action.title}: status over time` },
      { type: 'paragraph', text: spans.join('\n') },
      {
        type: 'paragraph',
        text: newestFirst.length
          ? `Updates, newest first (${newestFirst.length}):\n${shown.join('\n')}${more > 0 ? `\n…and ${more} earlier: report ${action.plan.code} since <date> lists them all.` : ''}`
          : 'No updates yet.',
      },
    );
  },
});
