import type { App, webApi } from '@slack/bolt';
import { toSearchWords, toTagChoices } from '../../../commands/feedback-tags.ts';
import { handleCommand, type PipelineRequest } from '../../../commands/handle.ts';
import { isErrorReply, type Reply } from '../../../commands/reply.ts';
import type { FrontDoorDeps } from '../../front-door.ts';
import { createWorkLimiter } from '../../work-limiter.ts';
import { MAX_TAG_OPTIONS } from '../feedback-modal.ts';
import { buildHomeView } from '../home-view.ts';
import { createSlackIdentity } from '../identity.ts';
import { createSlackFiles } from '../slack-files.ts';
import { createSlackMembership } from '../slack-membership.ts';
import { createSlackSender } from '../slack-sender.ts';
import type { ModalOrigin, PromptMessage } from '../views.ts';
import { refreshPromptMessage } from './refresh-prompt.ts';
import { postToResponseUrl, toResponses } from './respond.ts';

// Commands run after their ack, this many at a time: a burst queues instead of delaying the next acks.
const WORK_CONCURRENCY = 4;

/** What the pipeline needs beyond a Slack user and a text. */
export type RunOptions = Omit<PipelineRequest, 'text' | 'who' | 'identify'>;

/**
 * What every Slack listener is built with: a way to run a command as a Slack user (through the one
 * pipeline, after the ack), and the two answers several listeners share.
 */
export type SlackListenerContext = {
  run(userId: string, text: string, options?: RunOptions): Promise<Reply>;
  /** Publishes the person's Home tab at `page`. */
  publishHome(client: webApi.WebClient, userId: string, page?: number): Promise<void>;
  /** Answers a submitted form where it came from (its command's response_url, the Home tab, or a DM). */
  answerModal(client: webApi.WebClient, userId: string, origin: ModalOrigin, reply: Reply): Promise<void>;
  /**
   * Brings a prompt the bot sent (found by where its part landed) up to date in place with
   * chat.update: what was recorded instead of that action's buttons. Not a prompt: nothing to do.
   */
  refreshPrompt(client: webApi.WebClient, prompt: PromptMessage): Promise<void>;
  /** When the prompt at this message was composed; undefined when it is not one of ours. */
  findPromptTime(prompt: PromptMessage): Promise<Date | undefined>;
  /** The feedback tags for the feedback form's search. */
  searchTags(query: string): Promise<{ value: string; label: string }[]>;
};

/** What the listeners share: commands run as a Slack user through the pipeline, and shared answers. */
export function createListenerContext(app: App, deps: FrontDoorDeps, botToken: string): SlackListenerContext {
  const identity = createSlackIdentity(app.client, deps.logger);
  const limiter = createWorkLimiter(WORK_CONCURRENCY);
  const commandDeps = {
    ...deps,
    membership: createSlackMembership(app.client, deps.logger),
    ...(deps.planReader
      ? { uploads: { source: createSlackFiles(app.client, botToken), reader: deps.planReader } }
      : {}),
  };
  const ctx: SlackListenerContext = {
    // Anonymous feedback: the pipeline never calls identify (users.info); the id serves the membership check.
    run: (userId, text, options = {}) =>
      limiter.run(async () => {
        const who = { platform: 'slack' as const, externalId: userId };
        const request = { text, who, identify: () => identity.actorFor(userId), ...options };
        const handled = await handleCommand(
          { resolveMention: identity.resolveMention, ...request },
          commandDeps,
        );
        return handled.reply;
      }),
    async publishHome(client, userId, page = 0) {
      const reply = await ctx.run(userId, 'mine');
      const heading = reply.blocks.find((b) => b.type === 'heading')?.text ?? 'Your actions';
      const summary = reply.blocks.find((b) => b.type === 'paragraph')?.text ?? '';
      const items = reply.blocks.find((b) => b.type === 'actions')?.items ?? [];
      await client.views.publish({ user_id: userId, view: buildHomeView(heading, summary, items, page) });
    },
    async answerModal(client, userId, origin, reply) {
      if (origin.fromHome) await ctx.publishHome(client, userId);
      if (origin.responseUrl)
        for (const body of toResponses(reply)) await postToResponseUrl(origin.responseUrl, body);
      else if (!origin.fromHome || isErrorReply(reply))
        await createSlackSender(client).send({ kind: 'person', externalId: userId }, reply);
    },
    refreshPrompt: (client, prompt) => refreshPromptMessage(client, prompt, deps),
    async findPromptTime(prompt) {
      const found = await deps.store.outbox.findPostedPart('slack', prompt.channel, prompt.ts);
      const asOf = found?.message.blocks.find(
        (b): b is Extract<typeof b, { type: 'update-prompt' }> => b.type === 'update-prompt',
      )?.asOf;
      return asOf ? new Date(asOf) : undefined;
    },
    async searchTags(query) {
      return toTagChoices(await deps.store.feedback.searchTagTargets(toSearchWords(query), MAX_TAG_OPTIONS));
    },
  };
  return ctx;
}
