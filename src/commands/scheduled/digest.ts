import { type Action, describeAuthor, isOverdue, needsUpdate } from '../../domain/action.ts';
import { formatDayTime, formatLongDate, truncate } from '../../domain/format.ts';
import type { Store } from '../../domain/ports.ts';
import type { ScheduleSettings } from '../../domain/schedule.ts';
import type { RecentUpdate } from '../../domain/schedule-ports.ts';
import { describeStatus, STATUSES, type Status } from '../../domain/status.ts';
import { formatIsoDate, getLocalDate } from '../../domain/zoned-time.ts';
import { composeCheckbackDigest } from '../checkback-digest.ts';
import { composeFeedbackDigest } from '../feedback-digest.ts';
import { toActionItem } from '../present.ts';
import type { Block, Reply } from '../reply.ts';
import { createOpeningLookup } from './action-openings.ts';
import { describeAwayOwners } from './away-digest.ts';
import { describeEscalations } from './escalation-digest.ts';
import { composeAwaitingDigest } from './feedback-awaiting.ts';

const DAY_MS = 86_400_000;
const NO_ACCOUNT = 'no Slack or Teams account linked';

/** How a digest is sent: late (it was due at `lateFrom`, in `timeZone`), with lines other features add. */
export type DigestOptions = { lateFrom?: Date; timeZone?: string };

/**
 * The weekly digest: per plan, RAG counts with the change over the week, status changes with who and
 * why, notable notes, overdue actions, actions with no update this cycle, and owners who could not
 * be reached. Reads only the week's updates, so it grows with the week's changes, not all history.
 */
export async function composeDigest(
  store: Store,
  now: Date,
  settings: ScheduleSettings,
  options: DigestOptions = {},
): Promise<Reply> {
  const since = new Date(now.getTime() - 7 * DAY_MS);
  const [actions, updates, contacts] = await Promise.all([
    store.actions.findActions({}),
    store.scheduleReads.listUpdatesSince(since),
    store.scheduleReads.listOwnerContacts(),
  ]);
  const blocks: Block[] = [];
  const getActionOpening = createOpeningLookup(now, settings);
  if (options.lateFrom)
    blocks.push({
      type: 'paragraph',
      text: `Sent late: this digest was due ${formatDayTime(options.lateFrom, options.timeZone ?? 'Europe/London')}, while Actionbot was not running.`,
    });
  const plans = [...new Set(actions.map((a) => a.plan.code))].sort();
  for (const code of plans) {
    const mine = actions.filter((a) => a.plan.code === code);
    const planUpdates = updates.filter((u) => u.planCode === code);
    const first = mine[0] as Action;
    blocks.push(
      { type: 'heading', text: `Weekly digest: ${code} ${first.plan.title}` },
      { type: 'fields', fields: describeCounts(mine, planUpdates) },
    );
    const changes = planUpdates.filter((u) => u.oldStatus !== u.newStatus);
    blocks.push({
      type: 'paragraph',
      text: changes.length
        ? `Status changes this week:\n${changes.map(describeChange).join('\n')}`
        : 'No status changes this week.',
    });
    const notes = planUpdates.filter((u) => u.oldStatus === u.newStatus && u.note).slice(-5);
    if (notes.length)
      blocks.push({ type: 'paragraph', text: `Notable updates:\n${notes.map(describeChange).join('\n')}` });
    const overdue = mine.filter((a) => isOverdue(a, now));
    blocks.push({
      type: 'paragraph',
      text: overdue.length ? `Overdue (${overdue.length}):` : 'Nothing overdue.',
    });
    if (overdue.length) blocks.push({ type: 'actions', items: overdue.map((a) => toActionItem(a, now)) });
    const today = formatIsoDate(getLocalDate(now, first.plan.timezone));
    const pending = new Map<string, string[]>(); // deadline -> refs still to update before it
    const missed: string[] = [];
    const openingKeys = new Set<string>();
    for (const a of mine) {
      const { opening, deadline } = getActionOpening(a);
      openingKeys.add(opening.key);
      if (!needsUpdate(a, now)) continue;
      // After its cycle's deadline an action shows as "no update this cycle"; before it, as still to do.
      if (today > formatIsoDate(deadline)) missed.push(a.ref);
      else pending.set(formatLongDate(deadline), [...(pending.get(formatLongDate(deadline)) ?? []), a.ref]);
    }
    if (missed.length)
      blocks.push({
        type: 'paragraph',
        text: `No update this cycle (${missed.length}): ${missed.join(', ')}`,
      });
    // Sponsors told of the missed updates (escalation-digest.ts).
    for (const text of await describeEscalations(store, mine, contacts, now, settings))
      blocks.push({ type: 'paragraph', text });
    for (const [by, refs] of pending)
      blocks.push({
        type: 'paragraph',
        text: `Still to update by ${by} (${refs.length}): ${refs.join(', ')}`,
      });
    const away = await describeAwayOwners(store, contacts, mine, now);
    if (away) blocks.push({ type: 'paragraph', text: away });
    const unreached = new Map<string, string | null>();
    for (const keyed of await Promise.all([...openingKeys].map((key) => store.outbox.listUnreached(key))))
      for (const { recipient, reason } of keyed)
        if (!unreached.get(recipient)) unreached.set(recipient, reason);
    const owners = contacts.filter((c) => unreached.has(`person:${c.personId}`));
    if (owners.length)
      blocks.push({
        type: 'paragraph',
        // One owner a line: a long list splits between lines, never inside a name.
        text: `Owners Actionbot could not reach (${owners.length}):\n${owners
          .map(
            (c) => `${c.displayName} (${truncate(unreached.get(`person:${c.personId}`) ?? NO_ACCOUNT, 140)})`,
          )
          .join('\n')}`,
      });
  }
  if (plans.length === 0) blocks.push({ type: 'paragraph', text: 'No plans yet.' });
  // Anonymous feedback released this week, by theme, only where a count reaches the threshold.
  const feedback = await composeFeedbackDigest(
    store,
    since,
    options.timeZone ?? actions[0]?.plan.timezone ?? 'Europe/London',
  );
  if (feedback) blocks.push({ type: 'paragraph', text: feedback });
  const awaiting = await composeAwaitingDigest(store, now, settings);
  if (awaiting) blocks.push({ type: 'paragraph', text: awaiting });
  const checkbacks = await composeCheckbackDigest(store, now);
  if (checkbacks) blocks.push({ type: 'paragraph', text: checkbacks });
  return { visibility: 'channel', blocks };
}

function describeCounts(actions: Action[], weekUpdates: RecentUpdate[]) {
  // An action's status a week ago: the old status of its first update this week, else its status now.
  const firstThisWeek = new Map<string, RecentUpdate>();
  for (const u of weekUpdates) if (!firstThisWeek.has(u.ref)) firstThisWeek.set(u.ref, u);
  const count = (pick: (a: Action) => Status, status: Status) =>
    actions.filter((a) => pick(a) === status).length;
  return STATUSES.map((status) => {
    const now = count((a) => a.status, status);
    const change = now - count((a) => firstThisWeek.get(a.ref)?.oldStatus ?? a.status, status);
    return {
      label: describeStatus(status),
      value: `${now}${change ? ` (${change > 0 ? '+' : ''}${change} this week)` : ''}`,
    };
  });
}

function describeChange(u: RecentUpdate): string {
  const change =
    u.oldStatus === u.newStatus
      ? describeStatus(u.newStatus)
      : `${describeStatus(u.oldStatus)} → ${describeStatus(u.newStatus)}`;
  return `${u.ref} ${change} · ${describeAuthor(u) ?? 'imported'}${u.note ? `: ${truncate(u.note, 140)}` : ''}`;
}
