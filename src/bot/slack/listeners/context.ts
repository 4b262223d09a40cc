import type { webApi } from '@slack/bolt';
import type { PipelineRequest } from '../../../commands/handle.ts';
import type { Reply } from '../../../commands/reply.ts';
import type { ModalOrigin } from '../views.ts';

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
  /** The feedback tags for the feedback form's search. */
  searchTags(query: string): Promise<{ value: string; label: string }[]>;
};
