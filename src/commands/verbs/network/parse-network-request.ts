import { parseReleaseTime } from '../../../domain/feedback.ts';
import { truncate } from '../../../domain/format.ts';
import type { CommandInput, ParseResult } from '../../command.ts';
import { isMention } from '../owner.ts';

/** A `network` sub-command, parsed: which network, and what to do to it. */
export type NetworkRequest =
  | { kind: 'create'; name: string }
  | { kind: 'link'; name: string }
  | { kind: 'members' | 'moderators'; name: string; mode: 'add' | 'remove'; mentions: string[] }
  | { kind: 'release'; name: string; time: string; threshold: number | null }
  | { kind: 'signpost'; name: string; signpost: { text: string; url: string } | null }
  | { kind: 'respond-within'; name: string; days: number };

/** The most working days a network can give owners to reply before they are chased. */
export const MAX_RESPOND_WITHIN = 60;
/** The longest signposting text, and link. */
export const MAX_SIGNPOST_TEXT = 200;
const MAX_SIGNPOST_URL = 300;
const SIGNPOST_URL = /^(https:\/\/[^\s/]+\.[^\s]+|mailto:[^\s@]+@[^\s@]+\.[^\s]+)$/i;

/** Parses `network create|link|members|moderators|release|signpost|respond-within "<name>" ...`, touching nothing. */
export function parseNetworkRequest({ text, args }: CommandInput): ParseResult<NetworkRequest> {
  const sub = args[0]?.value.toLowerCase() ?? '';
  const name = args[1]?.value.trim() ?? '';
  if (!['create', 'link', 'members', 'moderators', 'release', 'signpost', 'respond-within'].includes(sub))
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
  if (sub === 'signpost') {
    if (rest.length === 1 && rest[0]?.value.toLowerCase() === 'off')
      return { ok: true, value: { kind: 'signpost', name, signpost: null } };
    const url = rest[0]?.value ?? '';
    const marker = rest[1];
    const words = marker?.value === '--' && !marker.quoted ? text.slice(marker.end).trim() : '';
    if (!SIGNPOST_URL.test(url) || url.length > MAX_SIGNPOST_URL)
      return {
        ok: false,
        error: `Give a link (https://... or mailto:...), then -- and the text: network signpost "${truncate(name)}" https://... -- For an incident you want investigated, contact ...`,
      };
    if (!words)
      return {
        ok: false,
        error: 'Write the signposting text after --, like -- Contact the Freedom to Speak Up Guardian.',
      };
    if (words.length > MAX_SIGNPOST_TEXT)
      return { ok: false, error: `Keep the signposting text to ${MAX_SIGNPOST_TEXT} characters.` };
    return { ok: true, value: { kind: 'signpost', name, signpost: { text: words, url } } };
  }
  if (sub === 'respond-within') {
    const days = Number(rest[0]?.value ?? '');
    if (rest.length !== 1 || !/^\d+$/.test(rest[0]?.value ?? '') || days < 1 || days > MAX_RESPOND_WITHIN)
      return {
        ok: false,
        error: `Give the working days a reply may take, a whole number from 1 to ${MAX_RESPOND_WITHIN}: network respond-within "${truncate(name)}" 10.`,
      };
    return { ok: true, value: { kind: 'respond-within', name, days } };
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
