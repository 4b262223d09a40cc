import { parseFeedbackId } from '../../../domain/codes.ts';
import {
  checkFeedbackText,
  MAX_FEEDBACK_LENGTH,
  MAX_FEEDBACK_NOTE_LENGTH,
} from '../../../domain/feedback.ts';
import type { CommandInput, ParseResult } from '../../command.ts';
import { type FeedbackTags, parseReceipt } from '../../feedback-support.ts';
import { parseRefWords, type RefText } from '../../refs.ts';
import { getRestOfText, type Token } from '../../tokenize.ts';

/** A `feedback` sub-command, parsed: the submitter's (form, submit, check, withdraw) or an owner's. */
export type FeedbackRequest =
  | { kind: 'form'; tags: FeedbackTags }
  | { kind: 'submit'; network: string | null; tags: FeedbackTags; text: string; asIs: boolean }
  | { kind: 'check'; receipt: string }
  | { kind: 'withdraw'; receipt: string }
  | { kind: 'list'; ref: RefText }
  | { kind: 'reply'; code: string; text: string; share: boolean };

const isMarker = (t: Token | undefined) => t?.value === '--' && !t.quoted;

/** Reads `[to "<network>"] [refs] [theme <ref>] [as-is]` up to `--` (or the end). */
function parseSubmission(text: string, args: Token[]): ParseResult<FeedbackRequest> {
  const marker = args.findIndex(isMarker);
  const head = marker === -1 ? args : args.slice(0, marker);
  const tags: FeedbackTags = { actions: [], themes: [] };
  let network: string | null = null;
  let asIs = false;
  for (let i = 0; i < head.length; i++) {
    const word = head[i] as Token;
    const lower = word.quoted ? '' : word.value.toLowerCase();
    if (lower === 'to' && head[i + 1]) {
      network = (head[++i] as Token).value;
    } else if (lower === 'as-is') {
      asIs = true;
    } else if (lower === 'theme' || lower === 'action') {
      const ref = parseRefWords(head.slice(i + 1, i + 2));
      if (!ref.ok) return ref;
      (lower === 'theme' ? tags.themes : tags.actions).push(ref.value.ref);
      i++;
    } else {
      const ref = parseRefWords([word]);
      if (!ref.ok)
        return {
          ok: false,
          error: `${ref.error} To send your experience, write it after --, like feedback 2.4 -- <text>.`,
        };
      tags.actions.push(ref.value.ref);
    }
  }
  if (marker === -1) return { ok: true, value: { kind: 'form', tags } };
  const checked = checkFeedbackText(text.slice((args[marker] as Token).end));
  if (!checked.ok)
    return {
      ok: false,
      error:
        checked.code === 'empty'
          ? 'There is no experience to send: write it after --. Nothing was sent.'
          : `That is too long: keep it under ${MAX_FEEDBACK_LENGTH.toLocaleString('en-GB')} characters. Nothing was sent.`,
    };
  return { ok: true, value: { kind: 'submit', network, tags, text: checked.text, asIs } };
}

/** Parses `feedback [check|withdraw|list|reply] ...` (else a submission) without touching anything. */
export function parseFeedbackRequest({ text, args }: CommandInput): ParseResult<FeedbackRequest> {
  const sub = args[0]?.quoted ? '' : (args[0]?.value.toLowerCase() ?? '');
  if (sub === 'check' || sub === 'withdraw') {
    if (args.length > 2) return { ok: false, error: `feedback ${sub} takes only the receipt.` };
    const receipt = parseReceipt(args[1]?.value);
    return receipt.ok ? { ok: true, value: { kind: sub, receipt: receipt.value } } : receipt;
  }
  if (sub === 'list') {
    const ref = parseRefWords(args.slice(1));
    if (!ref.ok) return ref;
    if (ref.value.rest.length) return { ok: false, error: 'feedback list takes one action ref, like 2.4.' };
    return { ok: true, value: { kind: 'list', ref: ref.value.ref } };
  }
  if (sub === 'reply') {
    const code = args[1]?.value ?? '';
    const id = parseFeedbackId(code);
    if (!id) return { ok: false, error: 'Which submission? Give its id, like F7K3QX, then your reply.' };
    // `share --`: also post the reply to the network's linked channel.
    const share = args[2]?.value.toLowerCase() === 'share' && !args[2].quoted && isMarker(args[3]);
    const after = share ? args[3] : isMarker(args[2]) ? args[2] : args[1];
    const reply = getRestOfText(text, after);
    if (!reply) return { ok: false, error: 'Write your reply after the id.' };
    if (reply.length > MAX_FEEDBACK_NOTE_LENGTH)
      return {
        ok: false,
        error: `That reply is too long: keep it under ${MAX_FEEDBACK_NOTE_LENGTH} characters.`,
      };
    return { ok: true, value: { kind: 'reply', code: id, text: reply, share } };
  }
  return parseSubmission(text, args);
}
