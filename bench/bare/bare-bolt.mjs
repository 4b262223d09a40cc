// A bare Bolt app (one command that acks, HTTP receiver), the floor Actionbot's memory is compared with.
// Plain JavaScript, run by node itself (no loader), like the built Actionbot it is compared with.
// BARE_IMPORTS=1 also imports botbuilder and the Prisma client, as Actionbot does; BARE_INSERT=<url>
// makes the command do what a minimal bot does: ack, one INSERT with `pg`, answer at response_url.
import { App, HTTPReceiver } from '@slack/bolt';
import pg from 'pg';

const port = Number(process.env.PORT ?? 3000);
if (process.env.BARE_IMPORTS === '1') {
  await import('botbuilder');
  await import('@prisma/client');
}
const pool = process.env.BARE_INSERT
  ? new pg.Pool({ connectionString: process.env.BARE_INSERT, max: 10 })
  : null;
await pool?.query(
  'CREATE TABLE IF NOT EXISTS bench_updates (id serial PRIMARY KEY, ref text, status text, note text, at timestamptz DEFAULT now())',
);
const receiver = new HTTPReceiver({
  signingSecret: process.env.SIGNING_SECRET ?? '',
  endpoints: '/slack/events',
});
// Bolt checks the token with auth.test on each request: point it at the bench's fake Slack.
const app = new App({
  token: 'xoxb-bench',
  receiver,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command('/action', async ({ ack, command, respond }) => {
  await ack();
  if (!pool) return;
  const [, ref, status, ...note] = command.text.split(' ');
  await pool.query('INSERT INTO bench_updates (ref, status, note) VALUES ($1, $2, $3)', [
    ref,
    status,
    note.join(' '),
  ]);
  await respond({ text: `${ref} is now ${status}`, response_type: 'ephemeral' });
});
await app.start(port);
process.stderr.write('ready\n');
// Exits on SIGTERM as Actionbot does, so a CPU profile (--cpu-prof) is written.
process.on('SIGTERM', () => process.exit(0));
