import { parseFeedbackId, parseTarget } from '../../domain/codes.ts';
import {
  checkFeedbackText,
  describeIdentifyingText,
  type FeedbackItem,
  findIdentifyingText,
  getLocalDay,
  MAX_FEEDBACK_LENGTH,
  MAX_FEEDBACK_NOTE_LENGTH,
} from '../../domain/feedback.ts';
import type { StoredFeedback } from '../../domain/feedback-ports.ts';
import { truncate } from '../../domain/format.ts';
import { canUpdate } from '../../domain/update-rules.ts';
import type { AnonymousContext, CommandContext, ParseResult } from '../command.ts';
import { defineCommand } from '../command.ts';
import {
  chooseNetwork,
  FEEDBACK_NOTICE,
  type FeedbackTags,
  parseReceipt,
  resolveTags,
} from '../feedback-support.ts';
import { toTagChoices } from '../feedback-tags.ts';
import { findActionByRef, parseRefWords, type RefText } from '../refs.ts';
import { type Block, createErrorReply, createReply, type Reply } from '../reply.ts';
import { getRestOfText, type Token } from '../tokenize.ts';

type FeedbackRequest =
  | { kind: 'form'; tags: FeedbackTags }
  | { kind: 'submit'; network: string | null; tags: FeedbackTags; text: string; asIs: boolean }
  | { kind: 'check'; receipt: string }
  | { kind: 'withdraw'; receipt: string }
  | { kind: 'list'; ref: RefText }
  | { kind: 'reply'; code: string; text: string; share: boolean };

const USAGE = [
  'feedback [<ref> ...] [theme <ref>]',
  'feedback [to "<network>"] [<ref> ...] [as-is] -- <your experience>',
  'feedback check <receipt>',
  'feedback withdraw <receipt>',
  'feedback list <ref>',
  'feedback reply <id> [share --] <text>',
];

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

/** `feedback ...`: anonymous lived-experience feedback, its receipts, and owners' view of it. */
export const feedbackCommand = defineCommand<FeedbackRequest>({
  name: 'feedback',
  summary:
    'Send anonymous feedback as a staff-network member; check it with your receipt; owners read and reply.',
  usage: USAGE,
  parse({ text, args }) {
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
  },
  anonymous(request) {
    switch (request.kind) {
      case 'form':
        return (ctx) => showForm(request.tags, ctx);
      case 'submit':
        return (ctx) => submit(request, ctx);
      case 'check':
        return (ctx) => check(request.receipt, ctx);
      case 'withdraw':
        return (ctx) => withdraw(request.receipt, ctx);
      default:
        return null;
    }
  },
  async run(request, ctx) {
    if (request.kind === 'list') return list(request.ref, ctx);
    if (request.kind === 'reply') return reply(request.code, request.text, request.share, ctx);
    return createErrorReply('That feedback request cannot run here.');
  },
});

async function showForm(tags: FeedbackTags, ctx: AnonymousContext): Promise<Reply> {
  const targets = await ctx.store.feedback.listTagTargets();
  const resolved = resolveTags(tags, targets);
  if (!resolved.ok) return createErrorReply(resolved.error);
  const refs = resolved.value.labels.map((l) => l.replace(/^theme /, 'theme ')).join(' ');
  const form: Block = {
    type: 'feedback-form',
    notice: FEEDBACK_NOTICE,
    choices: toTagChoices(targets),
    selected: resolved.value.labels,
  };
  return createReply(
    form,
    { type: 'heading', text: 'Anonymous feedback' },
    { type: 'paragraph', text: FEEDBACK_NOTICE },
    {
      type: 'paragraph',
      text: `To send it, type: feedback ${refs ? `${refs} ` : ''}-- <your experience>\nAvoid names, emails, phone numbers and job titles that could identify anyone, you included.`,
    },
  );
}

async function submit(
  request: Extract<FeedbackRequest, { kind: 'submit' }>,
  ctx: AnonymousContext,
): Promise<Reply> {
  // In a Teams channel or group chat the typed text is visible to everyone there.
  if (ctx.platform === 'teams' && ctx.conversation && ctx.conversation.kind !== 'direct')
    return createErrorReply(
      'Feedback typed here would be seen by everyone in this chat. Nothing was sent: send it to me in a personal chat instead.',
    );
  const targets = await ctx.store.feedback.listTagTargets();
  const tags = resolveTags(request.tags, targets);
  if (!tags.ok) return createErrorReply(tags.error);
  const chosen = await chooseNetwork(request.network, ctx);
  if (!chosen.ok) return createErrorReply(chosen.error);
  if (!request.asIs) {
    const roles = (await ctx.store.people.listRoles()).map((r) => r.name);
    const found = findIdentifyingText(request.text, roles);
    if (found.length > 0)
      return createErrorReply(
        `This could identify someone: ${describeIdentifyingText(found)}. Nothing was sent. Edit it, or send it as it is by adding as-is before --.`,
      );
  }
  const { network } = chosen;
  const day = getLocalDay(ctx.clock.now(), network.timezone);
  const { code, receipt } = await ctx.store.feedback.submit({
    networkId: network.id,
    text: request.text,
    actionIds: tags.value.actionIds,
    themeIds: tags.value.themeIds,
    day,
  });
  return createReply(
    {
      type: 'success',
      text: `Sent anonymously to ${network.name} as ${code}${tags.value.labels.length ? `, tagged ${tags.value.labels.join(', ')}` : ''}. A moderator reviews it before anyone else sees it.`,
    },
    {
      type: 'paragraph',
      text: `Your receipt: ${receipt}\nIt is shown only this once and is not stored (only a hash of it). Keep it to see the outcome and replies (feedback check ${receipt}) or to delete your submission (feedback withdraw ${receipt}).`,
    },
  );
}

const STATUS_TEXT: Record<FeedbackItem['status'], string> = {
  pending: 'waiting for a moderator',
  approved: 'approved; it will reach the owners in the next batch',
  rejected: 'not approved',
  released: 'released to the owners of the tagged actions',
};

function describeItem(item: FeedbackItem, withText = true): Block[] {
  const fields = [
    { label: 'Network', value: item.networkName },
    { label: 'Sent on', value: item.day },
    { label: 'Tagged', value: [...item.actionRefs, ...item.themes].join(', ') || 'nothing' },
  ];
  return [
    { type: 'heading', text: `Feedback ${item.code}` },
    { type: 'fields', fields },
    ...(withText ? [{ type: 'paragraph' as const, text: item.text }] : []),
  ];
}

async function check(receipt: string, ctx: AnonymousContext): Promise<Reply> {
  const item = await ctx.store.feedback.findByReceipt(receipt);
  if (!item) return createErrorReply('No submission has that receipt. Check it for typos.');
  const status = [
    `Status: ${STATUS_TEXT[item.status]}${item.status === 'rejected' && item.rejectReason ? ` (${item.rejectReason})` : ''}.`,
    item.redacted ? 'A moderator redacted part of the text to protect anonymity.' : null,
  ].filter(Boolean);
  const replies = item.replies.map((r) => `${r.day}, ${r.author}: ${r.text}`);
  return createReply(...describeItem(item), {
    type: 'paragraph',
    text: [...status, replies.length ? `Replies:\n${replies.join('\n')}` : 'No replies yet.'].join('\n'),
  });
}

async function withdraw(receipt: string, ctx: AnonymousContext): Promise<Reply> {
  return (await ctx.store.feedback.withdraw(receipt))
    ? createReply({ type: 'success', text: 'Withdrawn: your submission and its replies are deleted.' })
    : createErrorReply('No submission has that receipt. Check it for typos.');
}

async function list(ref: RefText, ctx: CommandContext): Promise<Reply> {
  const found = await findActionByRef(ref, ctx);
  if (!found.ok) return createErrorReply(found.error);
  const { action } = found;
  const name = `${action.plan.code}:${action.ref}`;
  const roles = await ctx.store.people.getRoleNames(ctx.person.id);
  if (!canUpdate(roles, action.owners, ctx.isAdmin))
    return createErrorReply(`Only the owners of ${name} can read its feedback.`);
  const themeId =
    (await ctx.store.feedback.listTagTargets()).actions.find((a) => a.id === action.id)?.themeId ?? null;
  const items = await ctx.store.feedback.listReleasedFor(action.id, themeId);
  if (items.length === 0)
    return createReply({ type: 'paragraph', text: `No released feedback is tagged to ${name} yet.` });
  return createReply(
    {
      type: 'heading',
      text: `${items.length} anonymous submission${items.length === 1 ? '' : 's'} on ${name}`,
    },
    ...items.flatMap((item) => [
      ...describeItem(item).slice(1),
      {
        type: 'paragraph' as const,
        text: `${item.code} · released ${item.releasedOn}${item.replies.length ? ` · ${item.replies.length} repl${item.replies.length === 1 ? 'y' : 'ies'}` : ''} · reply with feedback reply ${item.code} <text>`,
      },
    ]),
  );
}

async function reply(code: string, text: string, share: boolean, ctx: CommandContext): Promise<Reply> {
  const item = await ctx.store.feedback.findByCode(code);
  const moderated = await ctx.store.networks.listModeratedBy(ctx.person.id);
  const isModerator = Boolean(item && moderated.some((n) => n.id === item.networkId));
  let isOwner = false;
  if (item && item.status === 'released' && !isModerator) {
    const roles = await ctx.store.people.getRoleNames(ctx.person.id);
    for (const tag of item.actionRefs) {
      const target = parseTarget(tag);
      const action = target && (await ctx.store.actions.findAction(target.planCode, target.ref));
      if (action && canUpdate(roles, action.owners, false)) isOwner = true;
    }
  }
  // The same answer whether the id is unknown or not theirs: ids reveal nothing.
  if (!item || !(isModerator || isOwner))
    return createErrorReply(
      `No submission ${truncate(code)} that you can reply to: owners reply to released feedback on their actions, moderators to their network's.`,
    );
  await ctx.store.feedback.addReply(
    item.id,
    ctx.person.id,
    text,
    getLocalDay(ctx.clock.now(), 'Europe/London'),
  );
  const shared = share ? await shareReply(item, text, ctx) : null;
  return createReply({
    type: 'success',
    text: `Replied to ${item.code}. The person who sent it reads replies with their receipt.${shared ? ` ${shared}` : ''}`,
  });
}

/**
 * Posts a reply to the network's linked channel through the outbox (the scheduler sends it within a
 * minute, once): the reply and the feedback's id and tags, never the feedback's text.
 */
async function shareReply(item: StoredFeedback, text: string, ctx: CommandContext): Promise<string> {
  const network = (await ctx.store.networks.listNetworks()).find((n) => n.id === item.networkId);
  const target = network?.slackChannelId
    ? { platform: 'slack' as const, kind: 'channel' as const, id: network.slackChannelId }
    : network?.teamsTeamId
      ? { platform: 'teams' as const, kind: 'channel' as const, id: network.teamsTeamId }
      : null;
  if (!network || !target) return 'The network has no linked channel, so it was not posted.';
  const about = item.actionRefs.length ? ` about ${item.actionRefs.join(', ')}` : '';
  await ctx.store.outbox.post(`post:feedback-reply:${item.code}:${ctx.clock.now().getTime()}`, {
    recipient: `channel:${target.platform}:${target.id}`,
    target,
    message: {
      visibility: 'channel',
      blocks: [
        { type: 'heading', text: 'You said, we did' },
        { type: 'paragraph', text: `On anonymous feedback ${item.code}${about}: ${text}` },
      ],
    },
  });
  return `It will be posted to ${network.name}'s channel.`;
}
