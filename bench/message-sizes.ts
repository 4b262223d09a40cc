import { renderSlackMessages } from '../src/bot/slack/render-messages.ts';
import { renderTeamsReply } from '../src/bot/teams/render-cards.ts';
import { dispatch } from '../src/commands/dispatch.ts';
import { createReply, type Reply } from '../src/commands/reply.ts';
import { composeDigest } from '../src/commands/scheduled/digest.ts';
import { createStore } from '../src/db/create-store.ts';
import { openDatabase } from '../src/db/database.ts';
import { DEFAULT_SCHEDULE } from '../src/domain/schedule.ts';
import { createLargePlan, OWNER_OF_40 } from '../test/support/large-plan.ts';
import { createServerDatabase, dropServerDatabase } from '../test/support/test-database.ts';
import { fmt } from './stats.ts';

const ACTIONS = 2_000;
const NOTE_LENGTHS = [450, 4_000];
// What each platform takes in one message: Slack 50 blocks; Teams 100 KB counted as UTF-16.
const SLACK_BLOCKS = 50;
const TEAMS_KB = 100;

/**
 * The size of what the bot sends for a 2,000-action plan: the weekly digest, a 40-action prompt and
 * `list`, as Slack messages (blocks, KB of JSON) and Teams activities (KB as UTF-16), in parts, each
 * against the platform's limit for one message. Rendering time is reported beside it.
 */
export async function benchMessageSizes(): Promise<string> {
  const rows: string[] = [];
  for (const noteLength of NOTE_LENGTHS) {
    const target = await createServerDatabase();
    const db = await openDatabase(target);
    const store = createStore(db.prisma, { feedbackSecret: undefined });
    try {
      await store.plans.importPlan(createLargePlan(ACTIONS, noteLength), null);
      const now = new Date('2027-01-04T10:00:00Z');
      const deps = {
        store,
        clock: { now: () => now },
        admins: [{ platform: 'console' as const, externalId: 'a' }],
      };
      const actor = { platform: 'console' as const, externalId: 'a', displayName: 'admin' };
      const list = await dispatch({ text: 'list', actor }, deps);
      const items = list.blocks.flatMap((b) => (b.type === 'actions' ? b.items : []));
      const prompt = createReply(
        { type: 'heading', text: 'Time to update BIG' },
        { type: 'update-prompt', items: items.filter((i) => i.owners.includes(OWNER_OF_40)) },
      );
      const digest = await composeDigest(store, now, DEFAULT_SCHEDULE);
      for (const [name, reply] of [
        ['weekly digest', digest],
        ['prompt, 40 actions', prompt],
        ['list', list],
      ] as const)
        rows.push(describe(name, noteLength, reply));
    } finally {
      await db.close();
      await dropServerDatabase(target.url);
    }
  }
  return [
    `### Message sizes: a ${ACTIONS.toLocaleString('en-GB')}-action plan, PostgreSQL`,
    '',
    `Largest single message of each reply against the platform's limit (Slack ${SLACK_BLOCKS} blocks; Teams ${TEAMS_KB} KB as UTF-16), and how many messages it takes.`,
    '',
    '| reply | note length | Slack parts | Slack largest (blocks / KB) | Teams parts | Teams largest KB (UTF-16) | render ms (Slack / Teams) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

function describe(name: string, noteLength: number, reply: Reply): string {
  let started = performance.now();
  const slack = renderSlackMessages(reply);
  const slackMs = performance.now() - started;
  started = performance.now();
  const teams = renderTeamsReply(reply);
  const teamsMs = performance.now() - started;
  const slackBlocks = Math.max(...slack.map((m) => m.blocks.length));
  const slackKb = Math.max(...slack.map((m) => Buffer.byteLength(JSON.stringify(m)))) / 1024;
  const teamsKb = Math.max(...teams.map((a) => JSON.stringify(a).length * 2)) / 1024;
  return `| ${name} | ${noteLength.toLocaleString('en-GB')} | ${slack.length} | ${slackBlocks} / ${fmt(slackKb)} | ${teams.length} | ${fmt(teamsKb)} | ${fmt(slackMs)} / ${fmt(teamsMs)} |`;
}
