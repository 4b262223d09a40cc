import { type Action, getActionCycleRule, isOverdue, needsUpdate } from '../domain/action.ts';
import { describeCycle, formatStoredCycle } from '../domain/cycle.ts';
import { formatDayTime, formatLongDate, truncate } from '../domain/format.ts';
import type { Store } from '../domain/ports.ts';
import { getCycleDeadline, getOpeningSlot, type ScheduleSettings, type Slot } from '../domain/schedule.ts';
import type { DeliveryTarget, NewDelivery, OwnerContact, RecentUpdate } from '../domain/schedule-ports.ts';
import { describeStatus, STATUSES, type Status } from '../domain/status.ts';
import { toRoleKey } from '../domain/update-rules.ts';
import { formatIsoDate, getLocalDate, type LocalDate } from '../domain/zoned-time.ts';
import { composeFeedbackDigest } from './feedback-digest.ts';
import { toActionItem } from './present.ts';
import { type Block, createReply, type Reply } from './reply.ts';

/** Which platforms can send, in the order a person's identities are tried. */
export type ReachablePlatforms = readonly ('slack' | 'teams')[];

const DAY_MS = 86_400_000;

/** Where to reach a person: their first identity on a platform that can send, or null (unreachable). */
function findTarget(contact: OwnerContact, platforms: ReachablePlatforms): DeliveryTarget | null {
  for (const platform of platforms) {
    const identity = contact.identities.find((i) => i.platform === platform);
    if (identity) return { platform, kind: 'person', id: identity.externalId };
  }
  return null;
}

/** One delivery per person: their actions in `pick` (non-empty), as a single message. */
function perPerson(
  contacts: OwnerContact[],
  actions: Action[],
  platforms: ReachablePlatforms,
  compose: (contact: OwnerContact, mine: Action[]) => Reply | null,
): NewDelivery[] {
  return contacts.flatMap((contact) => {
    const roles = new Set(contact.roleKeys);
    const mine = actions.filter((a) => a.owners.some((o) => roles.has(toRoleKey(o))));
    const message = mine.length > 0 ? compose(contact, mine) : null;
    return message
      ? [{ recipient: `person:${contact.personId}`, target: findTarget(contact, platforms), message }]
      : [];
  });
}

/** The latest opening of an action's cycle at `now`, and when its updates are due. */
type ActionOpening = { opening: Slot; deadline: LocalDate; reminderDay: LocalDate };

/** Looks up actions' openings, worked out once per plan and cycle rule (a digest reads thousands). */
function createOpeningLookup(now: Date, settings: ScheduleSettings): (action: Action) => ActionOpening {
  const cache = new Map<string, ActionOpening>();
  return (action) => {
    const rule = getActionCycleRule(action);
    const key = `${action.plan.code}|${action.plan.timezone}|${formatStoredCycle(rule)}`;
    let found = cache.get(key);
    if (!found) {
      const opening = getOpeningSlot(action.plan, rule, now, settings);
      found = { opening, ...getCycleDeadline(opening.at, action.plan.timezone, settings, rule.deadlineDays) };
      cache.set(key, found);
    }
    return found;
  };
}

/**
 * The prompts of a plan's cycle opening `slot` (the plan's own cycle, or one its actions follow):
 * ONE message per owner listing every action of theirs that opened there and needs an update, with
 * quick status buttons (the `update-prompt` block). Cycles opening together share the one message.
 */
export async function composeCyclePrompts(
  store: Store,
  planCode: string,
  now: Date,
  settings: ScheduleSettings,
  platforms: ReachablePlatforms,
  slot?: Slot,
): Promise<NewDelivery[]> {
  const all = await store.actions.findActions({ planCodes: [planCode] });
  const plan = all[0]?.plan;
  if (!plan) return [];
  const key =
    slot?.key ?? getOpeningSlot(plan, getActionCycleRule({ plan, updateCycle: null }), now, settings).key;
  const getActionOpening = createOpeningLookup(now, settings);
  const due = new Map<string, ActionOpening>();
  for (const a of all) {
    const opened = getActionOpening(a);
    if (opened.opening.key === key && needsUpdate(a, now)) due.set(a.id, opened);
  }
  const actions = all.filter((a) => due.has(a.id));
  return perPerson(await store.scheduleReads.listOwnerContacts(), actions, platforms, (_contact, mine) => {
    const cycles = [...new Set(mine.map((a) => describeCycle(getActionCycleRule(a).cycle)))].join(' and ');
    const deadlines = new Map(mine.map((a) => [a.ref, formatLongDate(due.get(a.id)?.deadline as LocalDate)]));
    const byWhen =
      new Set(deadlines.values()).size === 1
        ? `by ${[...deadlines.values()][0]}`
        : `(${[...deadlines].map(([ref, day]) => `${ref} by ${day}`).join(', ')})`;
    return createReply(
      { type: 'heading', text: `Time to update ${plan.code}: ${plan.title}` },
      {
        type: 'paragraph',
        text: `The ${cycles} update cycle is open. ${mine.length === 1 ? 'This action needs' : `These ${mine.length} actions need`} an update ${byWhen}.`,
      },
      { type: 'update-prompt', items: mine.map((a) => toActionItem(a, now)) },
    );
  });
}

/**
 * The day's reminders for a plan, one message per person: the deadline of an action's cycle is near
 * and it still owes an update; an action is due in `dueReminderDays`; or it became overdue today.
 */
export async function composeReminders(
  store: Store,
  planCode: string,
  now: Date,
  settings: ScheduleSettings,
  platforms: ReachablePlatforms,
): Promise<NewDelivery[]> {
  const actions = await store.actions.findActions({ planCodes: [planCode] });
  const first = actions[0];
  if (!first) return [];
  const zone = first.plan.timezone;
  const today = formatIsoDate(getLocalDate(now, zone));
  const dueSoonDate = formatIsoDate(
    getLocalDate(new Date(now.getTime() + settings.dueReminderDays * DAY_MS), zone),
  );
  const yesterday = formatIsoDate(getLocalDate(new Date(now.getTime() - DAY_MS), zone));
  const reasons = new Map<string, string>();
  const getActionOpening = createOpeningLookup(now, settings);
  for (const a of actions) {
    if (a.status === 'COMPLETE') continue;
    const { opening, deadline, reminderDay } = getActionOpening(a);
    // A deadline so short that its reminder day is the opening day: the prompt itself is the reminder.
    const deadlineNear =
      formatIsoDate(reminderDay) === today && formatIsoDate(getLocalDate(opening.at, zone)) < today;
    if (deadlineNear && needsUpdate(a, now)) reasons.set(a.id, `update due by ${formatLongDate(deadline)}`);
    else if (a.due.kind !== 'from' && a.due.date === dueSoonDate)
      reasons.set(a.id, `due in ${settings.dueReminderDays} days`);
    else if (a.due.kind !== 'from' && a.due.date === yesterday && isOverdue(a, now))
      reasons.set(a.id, 'now overdue');
  }
  const flagged = actions.filter((a) => reasons.has(a.id));
  return perPerson(await store.scheduleReads.listOwnerContacts(), flagged, platforms, (_contact, mine) =>
    createReply(
      { type: 'heading', text: `Reminder: ${first.plan.code} actions` },
      { type: 'paragraph', text: mine.map((a) => `${a.ref}: ${reasons.get(a.id)}`).join('\n') },
      { type: 'update-prompt', items: mine.map((a) => toActionItem(a, now)) },
    ),
  );
}

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
    for (const [by, refs] of pending)
      blocks.push({
        type: 'paragraph',
        text: `Still to update by ${by} (${refs.length}): ${refs.join(', ')}`,
      });
    const unreachable = (
      await Promise.all([...openingKeys].map((key) => store.outbox.listUnreached(key)))
    ).flat();
    if (unreachable.length) {
      const names = contacts
        .filter((c) => unreachable.includes(`person:${c.personId}`))
        .map((c) => c.displayName);
      blocks.push({
        type: 'paragraph',
        text: `Owners Actionbot could not reach (no Slack or Teams account linked): ${names.join(', ')}`,
      });
    }
  }
  if (plans.length === 0) blocks.push({ type: 'paragraph', text: 'No plans yet.' });
  // Anonymous feedback released this week, by theme, only where a count reaches the threshold.
  const feedback = await composeFeedbackDigest(
    store,
    since,
    options.timeZone ?? actions[0]?.plan.timezone ?? 'Europe/London',
  );
  if (feedback) blocks.push({ type: 'paragraph', text: feedback });
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
  return `${u.ref} ${change} · ${u.authorName ?? 'imported'}${u.note ? `: ${truncate(u.note, 140)}` : ''}`;
}
