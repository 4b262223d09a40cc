import { parseReleaseTime } from '../../../domain/feedback.ts';
import { truncate } from '../../../domain/format.ts';
import type { CommandInput, ParseResult } from '../../command.ts';
import { isMention } from '../owner.ts';

/** A `network` sub-command, parsed: which network, and what to do to it. */
export type NetworkRequest =
  | { kind: 'create'; name: string }
  | { kind: 'link'; name: string }
  | { kind: 'members' | 'moderators'; name: string; mode: 'add' | 'remove'; mentions: string[] }
  | { kind: 'release'; name: string; time: string; threshold: number | null };

/** Parses `network create|link|members|moderators|release "<name>" ...` without touching anything. */
export function parseNetworkRequest({ args }: CommandInput): ParseResult<NetworkRequest> {
  const sub = args[0]?.value.toLowerCase() ?? '';
  const name = args[1]?.value.trim() ?? '';
  if (!['create', 'link', 'members', 'moderators', 'release'].includes(sub))
    return {
      ok: false,
      error: sub ? `network ${truncate(sub)} is not something I can do.` : 'network what?',
    };
  if (!name)
    return {
      ok: false,
      error: `Which network? Name it in quotes, like network ${sub} "Ethnic Minority Staff Network".`,
    };
  if (name.length > 100 || /["“”]/.test(name))
    return { ok: false, error: 'A network name is up to 100 characters, without quotes.' };
  const rest = args.slice(2);
  if (sub === 'create' || sub === 'link') {
    if (rest.length)
      return {
        ok: false,
        error: `Put the network's name in quotes: network ${sub} "${truncate(name)} ..."`,
      };
    return { ok: true, value: { kind: sub, name } };
  }
  if (sub === 'release') {
    const time = rest[0]?.value ?? '';
    if (!parseReleaseTime(time)) return { ok: false, error: 'Give the release time as HH:MM, like 17:00.' };
    const k = rest[1] ? Number(rest[1].value) : null;
    if (k !== null && !(Number.isInteger(k) && k >= 2 && k <= 50))
      return { ok: false, error: 'The minimum batch is a whole number from 2 to 50.' };
    if (rest.length > 2) return { ok: false, error: 'network release takes a time and a minimum batch.' };
    return { ok: true, value: { kind: 'release', name, time, threshold: k } };
  }
  const modeWord = rest[0]?.value.toLowerCase();
  if (modeWord !== 'add' && modeWord !== 'remove')
    return { ok: false, error: `Say add or remove, then mention people.` };
  const mentions = rest.slice(1);
  const notMention = mentions.find((t) => !isMention(t.value));
  if (notMention)
    return {
      ok: false,
      error: `"${truncate(notMention.value)}" is not a person: mention them, like @jane.`,
    };
  if (mentions.length === 0) return { ok: false, error: `Who? Mention the people to ${modeWord}.` };
  return {
    ok: true,
    value: {
      kind: sub as 'members' | 'moderators',
      name,
      mode: modeWord,
      mentions: mentions.map((m) => m.value),
    },
  };
}
