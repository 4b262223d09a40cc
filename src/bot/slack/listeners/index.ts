import type { App } from '@slack/bolt';
import { ACTION_IDS } from '../block-kit.ts';
import { FEEDBACK_MODAL_ID, FEEDBACK_TAGS_SUGGESTION } from '../feedback-modal.ts';
import { HOME_PAGE_ACTION } from '../home-view.ts';
import { UPDATE_MODAL_ID } from '../views.ts';
import { createHomePageAction } from './actions/home-page.ts';
import { createOpenFeedbackAction } from './actions/open-feedback.ts';
import { createOpenUpdateAction } from './actions/open-update.ts';
import { createQuickStatusAction } from './actions/quick-status.ts';
import { createRunCommandAction } from './actions/run-command.ts';
import { createActionCommand } from './commands/action-command.ts';
import type { SlackListenerContext } from './context.ts';
import { createAppHomeOpened } from './events/app-home-opened.ts';
import { createDirectMessage } from './events/direct-message.ts';
import { createFeedbackTagsOptions } from './options/feedback-tags.ts';
import { createFeedbackModalSubmit } from './views/feedback-modal.ts';
import { createUpdateModalSubmit } from './views/update-modal.ts';

/** Registers every Slack listener, by kind: the slash command, forms, buttons, events, option searches. */
export function registerListeners(app: App, ctx: SlackListenerContext): void {
  app.command('/action', createActionCommand(ctx));

  app.view(UPDATE_MODAL_ID, createUpdateModalSubmit(ctx));
  app.view(FEEDBACK_MODAL_ID, createFeedbackModalSubmit(ctx));

  app.action(new RegExp(`^${ACTION_IDS.quickStatus}:`), createQuickStatusAction(ctx));
  app.action(ACTION_IDS.openUpdate, createOpenUpdateAction(ctx));
  app.action(ACTION_IDS.openFeedback, createOpenFeedbackAction(ctx));
  // One command button (`run_command`), or one of several side by side (`run_command:2`).
  app.action(new RegExp(`^${ACTION_IDS.runCommand}(:\\d+)?$`), createRunCommandAction(ctx));
  app.action(new RegExp(`^${HOME_PAGE_ACTION}:`), createHomePageAction(ctx));

  app.event('app_home_opened', createAppHomeOpened(ctx));
  app.event('message', createDirectMessage(ctx));

  app.options<'block_suggestion'>(FEEDBACK_TAGS_SUGGESTION, createFeedbackTagsOptions(ctx));
}
