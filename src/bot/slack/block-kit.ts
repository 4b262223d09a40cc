import type { types } from '@slack/bolt';
import { truncate } from '../../domain/format.ts';

/** A Block Kit block, typed by Slack's own definitions. */
export type SlackBlock = types.KnownBlock;

/** action_ids of the buttons this front door handles. */
export const ACTION_IDS = {
  quickStatus: 'quick_status',
  openUpdate: 'open_update',
  openFeedback: 'open_feedback',
  /** A reply's command button: its value is the command text it runs. */
  runCommand: 'run_command',
} as const;

/** A context block: one line of small mrkdwn text. */
export function context(text: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A plain_text object (emoji shown), for headers, labels, buttons and options. */
export function plain(text: string) {
  return { type: 'plain_text' as const, text, emoji: true };
}

/** A select or checkbox option: text at most 75 characters (Slack's limit), value as given. */
export function option(value: string, text: string) {
  return { text: plain(truncate(text, 75)), value };
}
