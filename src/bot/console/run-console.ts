import readline from 'node:readline';
import type { DispatchDeps } from '../../commands/dispatch.ts';
import { handleCommand } from '../../commands/handle.ts';
import type { Logger } from '../../logger.ts';
import { renderText } from '../render-text.ts';

/** The console's streams and who is typing. */
export type ConsoleOptions = {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The console user's name: they act as `console:<user>`. */
  user: string;
  /** Show a prompt and a greeting (a person at a terminal rather than a script). */
  interactive: boolean;
  logger: Logger;
};

/**
 * The local console front door: one command per line, replies as text, until end of input.
 * Lines are handled one at a time, in order, so piped scripts behave like a person typing.
 */
export async function runConsole(deps: DispatchDeps, options: ConsoleOptions): Promise<void> {
  const { input, output, user, interactive, logger } = options;
  const lines = readline.createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
  });
  const write = (text: string) => output.write(`${text}\n`);
  if (interactive) {
    write(`Actionbot console. You are console:${user}. Type help for the commands; Ctrl-D to leave.`);
    lines.setPrompt('action> ');
    lines.prompt();
  }
  for await (const line of lines) {
    if (line.trim()) {
      const actor = { platform: 'console' as const, externalId: user, displayName: user };
      const { reply } = await handleCommand(
        { text: line, who: actor, identify: async () => actor },
        { ...deps, logger },
      );
      write(renderText(reply));
    }
    if (interactive) lines.prompt();
  }
}
