import { type Action, getActionCycleRule } from '../../domain/action.ts';
import { formatStoredCycle } from '../../domain/cycle.ts';
import { getCycleWindow, getEscalationKey } from '../../domain/escalation.ts';
import { formatLongDate, truncate } from '../../domain/format.ts';
import type { Store } from '../../domain/ports.ts';
import type { ScheduleSettings } from '../../domain/schedule.ts';
import type { OwnerContact } from '../../domain/schedule-ports.ts';
import type { Sponsorship } from '../../domain/sponsor-ports.ts';
import { formatIsoDate, getLocalDate } from '../../domain/zoned-time.ts';

const NO_ACCOUNT = 'no Slack or Teams account linked';

/**
 * The digest's lines for a plan's escalations this cycle: `Escalated to Jane Smith (Executive
 * Director, People) on 20 January 2027 (updates due by 18 January 2027).`, one per deadline whose
 * escalation reached a sponsor. Read from the escalation runs' sent messages.
 */
export async function describeEscalations(
  store: Store,
  actions: readonly Action[],
  contacts: readonly OwnerContact[],
  now: Date,
  settings: ScheduleSettings,
): Promise<string[]> {
  const plan = actions[0]?.plan;
  if (!plan) return [];
  const deadlines = new Map<string, ReturnType<typeof getCycleWindow>['deadline']>();
  const rules = new Map(
    actions.map((a) => [formatStoredCycle(getActionCycleRule(a)), getActionCycleRule(a)]),
  );
  for (const rule of rules.values()) {
    const { deadline } = getCycleWindow(rule, plan.timezone, now, settings, 0);
    deadlines.set(formatIsoDate(deadline), deadline);
  }
  const lines: string[] = [];
  let sponsors: Sponsorship[] | null = null; // read only for a plan that escalated
  for (const [, deadline] of [...deadlines].sort(([a], [b]) => a.localeCompare(b))) {
    const key = getEscalationKey(plan.code, deadline);
    const [sent, unreached] = await Promise.all([
      store.outbox.listSent(key),
      store.outbox.listUnreached(key),
    ]);
    if (sent.length === 0 && unreached.length === 0) continue;
    sponsors ??= await store.sponsors.listSponsors(plan.code);
    const describe = (recipient: string) => {
      const contact = contacts.find((c) => `person:${c.personId}` === recipient);
      const roles = [
        ...new Set((sponsors ?? []).filter((s) => contact?.roleKeys.includes(s.roleKey)).map((s) => s.role)),
      ];
      return `${contact?.displayName ?? 'a sponsor'}${roles.length ? ` (${roles.join(', ')})` : ''}`;
    };
    const due = `updates due by ${formatLongDate(deadline)}`;
    if (sent.length) {
      const first = sent.reduce((a, b) => (a.sentAt <= b.sentAt ? a : b)).sentAt;
      const names = sent.map((d) => describe(d.recipient)).sort((a, b) => a.localeCompare(b));
      lines.push(
        `Escalated to ${names.join(', ')} on ${formatLongDate(getLocalDate(first, plan.timezone))} (${due}).`,
      );
    }
    // A sponsor the escalation could not reach is named, with why, not left to think all is well.
    for (const { recipient, reason } of unreached)
      lines.push(
        `Escalation (${due}) could not reach ${describe(recipient)}: ${truncate(reason ?? NO_ACCOUNT, 140)}.`,
      );
  }
  return lines;
}
