import { findAbsenceOn } from '../../domain/absence.ts';
import type { ActionItem } from '../../domain/message.ts';
import type { Store } from '../../domain/ports.ts';
import { isWorkingDay, type ScheduleSettings } from '../../domain/schedule.ts';
import type { HeldDelivery, NewDelivery } from '../../domain/schedule-ports.ts';
import { formatIsoDate, getLocalDate, getLocalTime } from '../../domain/zoned-time.ts';
import { createReply, type Reply } from '../reply.ts';
import { refreshPrompt } from './living-prompt.ts';
import { findTarget, type ReachablePlatforms } from './per-owner.ts';

/**
 * Releases the prompts and reminders held for people who were away: on a working day, from the send
 * hour, each person back at work gets ONE message listing every action held for them, as it is now
 * (those updated meanwhile show what was recorded). Each release is one transaction that marks the held
 * messages released and records the new one as a post, so across replicas and crashes it goes out once.
 * Returns the posts' keys.
 */
export async function releaseHeldPrompts(
  store: Store,
  now: Date,
  settings: ScheduleSettings,
  timeZone: string,
  platforms: ReachablePlatforms,
): Promise<string[]> {
  const today = getLocalDate(now, timeZone);
  if (!isWorkingDay(today, settings.bankHolidays) || getLocalTime(now, timeZone).hour < settings.sendHour)
    return [];
  const held = await store.outbox.listHeld();
  if (held.length === 0) return [];
  const day = formatIsoDate(today);
  const { absences } = await store.absences.getAwayState(day);
  const byPerson = new Map<string, HeldDelivery[]>();
  for (const h of held) byPerson.set(h.recipient, [...(byPerson.get(h.recipient) ?? []), h]);
  const contacts = await store.scheduleReads.listOwnerContacts();
  const released: string[] = [];
  for (const [recipient, mine] of byPerson) {
    const personId = recipient.replace(/^person:/, '');
    if (findAbsenceOn(absences, personId, day)) continue;
    const contact = contacts.find((c) => c.personId === personId);
    const delivery: NewDelivery = {
      recipient,
      target: contact ? findTarget(contact, platforms) : (mine.find((h) => h.target)?.target ?? null),
      message: await composeWelcomeBack(store, mine, now),
    };
    const key = `post:held:${personId}:${day}`;
    if (
      await store.outbox.releaseHeld(
        mine.map((h) => h.id),
        key,
        delivery,
      )
    )
      released.push(key);
  }
  return released;
}

/** One message for everything held: each action once, as it is now, under the earliest held prompt's time. */
async function composeWelcomeBack(store: Store, held: HeldDelivery[], now: Date): Promise<Reply> {
  const items = new Map<string, ActionItem>();
  let asOf: string | null = null;
  for (const { message } of held)
    for (const block of message.blocks) {
      if (block.type !== 'update-prompt') continue;
      if (block.asOf && (!asOf || block.asOf < asOf)) asOf = block.asOf;
      for (const item of block.items) items.set(`${item.planCode}:${item.ref}`, item);
    }
  const count = items.size;
  const reply = createReply(
    { type: 'heading', text: `Welcome back: ${count} action${count === 1 ? '' : 's'} waited for you` },
    {
      type: 'paragraph',
      text: "While you were away, no one covered these actions' prompts and reminders, so they were kept for you. Any updated meanwhile show what was recorded.",
    },
    { type: 'update-prompt', items: [...items.values()], asOf: asOf ?? now.toISOString() },
  );
  return refreshPrompt(reply, store, now);
}
