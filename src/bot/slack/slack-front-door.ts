import { createHash } from 'node:crypto';
import { App, type BlockButtonAction, HTTPReceiver, webApi } from '@slack/bolt';
import type { Conversation } from '../../commands/command.ts';
import { searchTagChoices, toTagChoices } from '../../commands/feedback-tags.ts';
import { toUpdateCommandText } from '../../commands/forms.ts';
import { handleCommand, type PipelineRequest } from '../../commands/handle.ts';
import { type Block, createReply, findRefusal, isErrorReply, type Reply } from '../../commands/reply.ts';
import type { SlackConfig } from '../../config.ts';
import { RATED_STATUSES, type RatedStatus } from '../../domain/status.ts';
import { renderText } from '../console/render-text.ts';
import type { FrontDoor, FrontDoorDeps } from '../front-door.ts';
import { createWorkLimiter } from '../work-limiter.ts';
import { createBoltLogger } from './bolt-logger.ts';
import {
  buildFeedbackModal,
  buildFeedbackSentView,
  FEEDBACK_ERROR_BLOCK,
  FEEDBACK_MODAL_ID,
  FEEDBACK_TAGS_SUGGESTION,
  MAX_TAG_OPTIONS,
  readFeedbackModal,
  toSlackOption,
} from './feedback-modal.ts';
import { createSlackIdentity } from './identity.ts';
import { ACTION_IDS, renderSlackMessage, renderSlackMessages, type SlackMessage } from './render-blocks.ts';
import { createSlackMembership } from './slack-membership.ts';
import { createSlackSender } from './slack-sender.ts';
import {
  buildHomeView,
  buildUpdateModal,
  errorBlockFor,
  HOME_PAGE_ACTION,
  type ModalOrigin,
  readUpdateModal,
  UPDATE_MODAL_ID,
} from './views.ts';

/** Where Slack sends every request in HTTP mode: slash commands, interactivity and events. */
export const SLACK_EVENTS_PATH = '/slack/events';

// Slack's payloads are small (a modal with a 4,000-character note is a few KB); refuse anything huge.
const BODY_LIMIT = 512 * 1024;
// Commands run after their ack, this many at a time: a burst queues instead of delaying the next acks.
const WORK_CONCURRENCY = 4;
// A modal's validation errors must be in the ack, within Slack's 3 s: past this, close it and answer later.
const MODAL_DEADLINE_MS = 2_500;

/**
 * The Slack front door: `/action`, the update modal, App Home and buttons, translated to and from
 * the shared command language. HTTP mode serves `POST /slack/events` (signatures and timestamps
 * checked by Bolt's receiver); Socket Mode connects out with the app-level token instead.
 */
export function createSlackFrontDoor(config: SlackConfig, deps: FrontDoorDeps): FrontDoor {
  const logger = createBoltLogger(deps.logger);
  const slackApiUrl = config.apiUrl && (config.apiUrl.endsWith('/') ? config.apiUrl : `${config.apiUrl}/`);
  const clientOptions = slackApiUrl ? { slackApiUrl } : {};
  const receiver =
    config.appToken || !config.signingSecret
      ? undefined
      : new HTTPReceiver({
          signingSecret: config.signingSecret,
          endpoints: SLACK_EVENTS_PATH,
          logger,
          bodyLimit: BODY_LIMIT,
        });
  const app = receiver
    ? new App({ token: config.botToken, receiver, logger, clientOptions })
    : new App({ token: config.botToken, appToken: config.appToken, socketMode: true, logger, clientOptions });
  // Proactive sends make one attempt each: the delivery queue owns retries and Retry-After.
  const sendingClient = new webApi.WebClient(config.botToken, {
    ...clientOptions,
    logger,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  });
  const identity = createSlackIdentity(app.client, deps.logger);

  const limiter = createWorkLimiter(WORK_CONCURRENCY);
  const commandDeps = { ...deps, membership: createSlackMembership(app.client, deps.logger) };
  // Anonymous feedback: the pipeline never calls identify (users.info); the id serves the membership check.
  const run = async (
    userId: string,
    text: string,
    extra: Omit<PipelineRequest, 'text' | 'who' | 'identify'> = {},
  ) =>
    limiter.run(async () => {
      const handled = await handleCommand(
        {
          text,
          who: { platform: 'slack', externalId: userId },
          identify: () => identity.actorFor(userId),
          resolveMention: identity.resolveMention,
          ...extra,
        },
        commandDeps,
      );
      return handled.reply;
    });

  async function publishHome(client: webApi.WebClient, userId: string, page = 0) {
    const reply = await run(userId, 'mine');
    const heading = reply.blocks.find((b) => b.type === 'heading')?.text ?? 'Your actions';
    const summary = reply.blocks.find((b) => b.type === 'paragraph')?.text ?? '';
    const items = reply.blocks.find((b) => b.type === 'actions')?.items ?? [];
    await client.views.publish({ user_id: userId, view: buildHomeView(heading, summary, items, page) });
  }

  /** Answers where a modal came from: its slash command's response_url, else the person's direct chat. */
  async function answerModal(client: webApi.WebClient, userId: string, origin: ModalOrigin, reply: Reply) {
    if (origin.fromHome) await publishHome(client, userId);
    if (origin.responseUrl)
      for (const body of toResponses(reply)) await postToResponseUrl(origin.responseUrl, body);
    else if (!origin.fromHome || isErrorReply(reply))
      await createSlackSender(client).send({ kind: 'person', externalId: userId }, reply);
  }

  app.command('/action', async ({ command, ack, respond, client }) => {
    await ack();
    const reply = await run(command.user_id, command.text, {
      conversation: toConversation(command.channel_id, command.channel_name),
    });
    const feedbackForm = findFeedbackForm(reply);
    if (feedbackForm) {
      await client.views.open({ trigger_id: command.trigger_id, view: buildFeedbackModal(feedbackForm) });
      return;
    }
    const file = reply.blocks.find((b): b is Extract<Block, { type: 'file' }> => b.type === 'file');
    if (file) {
      await sendFile(client, command.user_id, file);
      await respondAll(
        respond,
        createReply({
          type: 'success',
          text: `${file.summary} Sent to you as ${file.name} in your direct messages with Actionbot.`,
        }),
      );
      return;
    }
    const form = findForm(reply);
    if (form && (form.item || form.choices.length > 0)) {
      await client.views.open({
        trigger_id: command.trigger_id,
        view: buildUpdateModal(form.item, form.choices, { responseUrl: command.response_url }),
      });
      return;
    }
    await respondAll(respond, form ? noActionsReply() : reply);
  });

  app.view(UPDATE_MODAL_ID, async ({ ack, body, view, client }) => {
    const submission = readUpdateModal(view);
    if (!submission) {
      await ack({
        response_action: 'errors',
        errors: { status: 'This form is out of date: close it and start again.' },
      });
      return;
    }
    const picking = !JSON.parse(view.private_metadata || '{}').target;
    const requestKey = hashKey('view', view.id, submission.text);
    const pending = run(body.user.id, submission.text, { requestKey });
    const reply = await Promise.race([pending, delay(MODAL_DEADLINE_MS)]);
    const refusal = reply && findRefusal(reply);
    if (refusal) {
      await ack({
        response_action: 'errors',
        errors: { [errorBlockFor(refusal.field, picking)]: refusal.text },
      });
      return;
    }
    await ack();
    await answerModal(client, body.user.id, submission.origin, reply ?? (await pending));
  });

  app.action<BlockButtonAction>(
    new RegExp(`^${ACTION_IDS.quickStatus}:`),
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const value = parseQuickStatus(action.value);
      if (!value) return;
      // The same click delivered twice (double click, Slack retry) has the same key: recorded once.
      const requestKey = hashKey(
        'button',
        body.user.id,
        body.container?.message_ts ?? body.view?.id ?? '',
        action.action_id,
        action.value ?? '',
      );
      const text = toUpdateCommandText({ ...value, note: '' });
      const reply = await run(body.user.id, text, { requestKey, gesture: 'quick-status' });
      // Red and Complete need a note: the update command answers with the form, that status chosen.
      const form = findForm(reply);
      if (form?.item) {
        const view = buildUpdateModal(form.item, [], { responseUrl: body.response_url }, form.status);
        await client.views.open({ trigger_id: body.trigger_id, view });
      } else await respondAll(respond, reply);
    },
  );

  app.action<BlockButtonAction>(ACTION_IDS.openUpdate, async ({ ack, body, action, client, respond }) => {
    await ack();
    if (!action.value) return;
    const reply = await run(body.user.id, `update ${action.value}`);
    const form = findForm(reply);
    const fromHome = body.view?.type === 'home';
    if (form?.item) {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildUpdateModal(form.item, [], fromHome ? { fromHome } : { responseUrl: body.response_url }),
      });
    } else if (fromHome) {
      await client.views.open({ trigger_id: body.trigger_id, view: messageModal(reply) });
    } else {
      await respondAll(respond, reply);
    }
  });

  app.action<BlockButtonAction>(
    new RegExp(`^${HOME_PAGE_ACTION}:`),
    async ({ ack, body, action, client }) => {
      await ack();
      await publishHome(client, body.user.id, Number(action.value) || 0);
    },
  );

  // The feedback form's tags, searched as the person types: any number of plans, themes and actions.
  app.options<'block_suggestion'>(FEEDBACK_TAGS_SUGGESTION, async ({ ack, payload }) => {
    const choices = toTagChoices(await deps.store.feedback.listTagTargets());
    const found = searchTagChoices(choices, payload.value ?? '', MAX_TAG_OPTIONS);
    await ack({ options: found.map(toSlackOption) });
  });

  app.action<BlockButtonAction>(ACTION_IDS.openFeedback, async ({ ack, body, client }) => {
    await ack();
    const form = findFeedbackForm(await run(body.user.id, 'feedback'));
    if (form) await client.views.open({ trigger_id: body.trigger_id, view: buildFeedbackModal(form) });
  });

  // Anonymous feedback: the user id is used in memory (membership) and dropped; the receipt is shown
  // once, in the modal itself, never in a message that would stay in the person's Slack history.
  app.view(FEEDBACK_MODAL_ID, async ({ ack, body, view, client }) => {
    const pending = run(body.user.id, readFeedbackModal(view));
    const reply = await Promise.race([pending, delay(MODAL_DEADLINE_MS)]);
    if (reply && isErrorReply(reply)) {
      await ack({ response_action: 'errors', errors: { [FEEDBACK_ERROR_BLOCK]: firstError(reply) } });
      return;
    }
    if (reply) {
      await ack({ response_action: 'update', view: buildFeedbackSentView(renderText(reply)) });
      return;
    }
    await ack({ response_action: 'update', view: buildFeedbackSentView('Sending…') });
    await client.views.update({ view_id: view.id, view: buildFeedbackSentView(renderText(await pending)) });
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab === 'home') await publishHome(client, event.user);
  });

  app.error(async (error) => {
    deps.logger.error('slack handler failed', { error: error.message, code: error.code });
  });

  return {
    name: 'slack',
    routes: receiver ? [{ method: 'POST', path: SLACK_EVENTS_PATH, handle: receiver.requestListener }] : [],
    sender: createSlackSender(sendingClient),
    start: async () => {
      if (!receiver) await app.start();
    },
    stop: async () => {
      if (!receiver) await app.stop();
    },
  };
}

/** Uploads a report into the person's direct chat with the app: private to them, wherever they asked. */
async function sendFile(client: webApi.WebClient, userId: string, file: Extract<Block, { type: 'file' }>) {
  const opened = await client.conversations.open({ users: userId });
  if (!opened.channel?.id) throw new Error('Slack opened no direct chat');
  await client.files.uploadV2({
    channel_id: opened.channel.id,
    filename: file.name,
    title: file.name,
    content: file.content,
    initial_comment: file.summary,
  });
}

function findFeedbackForm(reply: Reply) {
  return reply.blocks.find((b): b is Extract<Block, { type: 'feedback-form' }> => b.type === 'feedback-form');
}

function findForm(reply: Reply) {
  return reply.blocks.find((b): b is Extract<Block, { type: 'update-form' }> => b.type === 'update-form');
}

function noActionsReply(): Reply {
  return {
    visibility: 'ephemeral',
    blocks: [
      {
        type: 'paragraph',
        text: 'You have no actions to update. Type /action update <ref> for one you may update.',
      },
    ],
  };
}

function firstError(reply: Reply): string {
  const block = reply.blocks.find((b) => b.type === 'error');
  return block?.type === 'error' ? block.text : 'That update was refused.';
}

// Slack takes five posts to one response_url.
const RESPONSE_URL_POSTS = 5;

type ResponseBody = SlackMessage & { response_type: 'ephemeral' | 'in_channel'; replace_original: false };

/**
 * A reply as response_url posts: every part of it, in order, up to Slack's five; a reply longer than
 * that ends by saying so and how to narrow it, rather than stopping silently.
 */
function toResponses(reply: Reply): ResponseBody[] {
  const response_type = reply.visibility === 'channel' ? 'in_channel' : 'ephemeral';
  const parts = renderSlackMessages(reply);
  const bodies = parts.map((part): ResponseBody => ({ response_type, replace_original: false, ...part }));
  if (bodies.length <= RESPONSE_URL_POSTS) return bodies;
  const more = renderSlackMessage(
    createReply({
      type: 'paragraph',
      text: `That answer takes ${parts.length} messages; Slack lets me post ${RESPONSE_URL_POSTS} here. Narrow it (for example \`/action list theme 2\` or \`/action list overdue\`), or get everything as a file with \`/action report\`.`,
    }),
  );
  return [...bodies.slice(0, RESPONSE_URL_POSTS - 1), { response_type, replace_original: false, ...more }];
}

async function respondAll(respond: (body: ResponseBody) => Promise<unknown>, reply: Reply): Promise<void> {
  for (const body of toResponses(reply)) await respond(body);
}

function messageModal(reply: Reply) {
  return {
    type: 'modal' as const,
    title: { type: 'plain_text' as const, text: 'Actionbot' },
    close: { type: 'plain_text' as const, text: 'Close' },
    blocks: renderSlackMessage(reply).blocks,
  };
}

function parseQuickStatus(
  value: string | undefined,
): { planCode: string; ref: string; status: RatedStatus } | null {
  try {
    const { target, status } = JSON.parse(value ?? '');
    const [planCode, ref] = String(target).split(':');
    if (!planCode || !ref || !RATED_STATUSES.includes(status)) return null;
    return { planCode, ref, status };
  } catch {
    return null;
  }
}

/** Slack's channel names for non-channels: direct messages, group DMs, legacy private groups. */
function toConversation(id: string, name: string): Conversation {
  if (name === 'directmessage' || id.startsWith('D')) return { kind: 'direct', id };
  if (name.startsWith('mpdm-')) return { kind: 'group', id };
  return { kind: 'channel', id, name };
}

async function postToResponseUrl(url: string, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`response_url answered ${response.status}`);
}

/** A stable key for one user gesture, so duplicates of it can be recognised. */
function hashKey(...parts: string[]): string {
  return `slack:${createHash('sha256').update(parts.join('\u0000')).digest('hex')}`;
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms).unref());
}
