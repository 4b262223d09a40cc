import { findClosest } from '../../domain/closest-match.ts';
import { type Command, defineCommand } from '../command.ts';
import { describeSignposts } from '../feedback-support.ts';
import { type Block, createErrorReply, createReply } from '../reply.ts';

/**
 * Help's last lines, once there is a staff network: the button that opens the anonymous feedback
 * form, and where networks point people with an incident to investigate.
 */
function signposting(networks: Parameters<typeof describeSignposts>[0]): Block[] {
  if (networks.length === 0) return [];
  const lines = describeSignposts(networks);
  const button: Block = {
    type: 'command-button',
    label: 'Share an experience anonymously',
    command: 'feedback',
  };
  return lines.length
    ? [
        button,
        {
          type: 'paragraph',
          text: `Anonymous feedback is heard, not investigated. For an incident you want investigated: ${lines.join(' · ')}`,
        },
      ]
    : [button];
}

/** `help [command]`, over whichever commands the registry holds. */
export function createHelpCommand(getCommands: () => readonly Command[]) {
  return defineCommand<{ topic: string | null }>({
    name: 'help',
    summary: 'What you can do, or how to use one command.',
    usage: ['help [command]'],
    parse: ({ args }) =>
      args.length > 1
        ? { ok: false, error: 'help takes at most one command name.' }
        : { ok: true, value: { topic: args[0]?.value.toLowerCase() ?? null } },
    async run({ topic }, ctx) {
      const commands = getCommands().filter((c) => ctx.isAdmin || !c.adminOnly);
      if (!topic) {
        return createReply(
          { type: 'heading', text: 'Actionbot commands' },
          {
            type: 'fields',
            fields: commands.map((c) => ({ label: c.usage[0] ?? c.name, value: c.summary })),
          },
          {
            type: 'paragraph',
            text: 'Refs look like 2.4, #2.4 or ARAP:2.4. Statuses: red, amber, green, complete (or r/a/g/c, done).',
          },
          ...signposting(await ctx.store.networks.listNetworks()),
        );
      }
      const command = getCommands().find((c) => c.name === topic);
      if (!command) {
        const closest = findClosest(
          topic,
          commands.map((c) => c.name),
        );
        return createErrorReply(
          `No command "${topic}".${closest ? ` Did you mean ${closest}?` : ''} Type help for the list.`,
        );
      }
      return createReply(
        { type: 'heading', text: command.name },
        { type: 'paragraph', text: `${command.summary}\n${command.usage.map((u) => `  ${u}`).join('\n')}` },
      );
    },
  });
}
