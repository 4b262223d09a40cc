import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { createReply } from '../../../../commands/reply.ts';
import { PLAN_CODE_PATTERN } from '../../../../domain/codes.ts';
import { createSlackSender } from '../../slack-sender.ts';
import type { SlackListenerContext } from '../context.ts';

const ONLY_FILES =
  'Here I read plan files: upload a .docx, .xlsx, .pdf or .csv plan to import it (admins). Commands go through /action, like /action help.';

/**
 * A message in someone's direct chat with the app. A file shared there is a plan to preview: it runs
 * as `import <file id> [as CODE]` (the message's text, when it is a plan code, names the plan), and
 * the preview comes back in the chat. Other messages get one line saying what this chat is for.
 */
export function createDirectMessage(ctx: SlackListenerContext) {
  return async ({ event, client }: SlackEventMiddlewareArgs<'message'> & AllMiddlewareArgs) => {
    if (event.channel_type !== 'im') return;
    // Edits, deletions and the app's own messages are not someone asking.
    if (event.subtype !== undefined && event.subtype !== 'file_share') return;
    if ('bot_id' in event && event.bot_id) return;
    const user = 'user' in event ? event.user : undefined;
    if (!user) return;
    const sender = createSlackSender(client);
    const files = 'files' in event ? (event.files ?? []) : [];
    const file = files[0];
    if (!file) {
      await sender.send(
        { kind: 'person', externalId: user },
        createReply({ type: 'paragraph', text: ONLY_FILES }),
      );
      return;
    }
    const typed = ('text' in event ? (event.text ?? '') : '').trim().toUpperCase();
    const code = PLAN_CODE_PATTERN.test(typed) ? ` as ${typed}` : '';
    const reply = await ctx.run(user, `import ${file.id}${code}`);
    if (files.length > 1)
      reply.blocks.push({
        type: 'paragraph',
        text: `I read one file at a time: this is ${file.name ?? file.id}.`,
      });
    await sender.send({ kind: 'person', externalId: user }, reply);
  };
}
