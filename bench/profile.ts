import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeSlack } from '../test/support/fake-slack.ts';
import { createServerDatabase, dropServerDatabase } from '../test/support/test-database.ts';
import { renderCpuSummary, summarizeCpuProfile } from './cpu-summary.ts';
import { slackE2eJob } from './lean.ts';
import { buildOnce, runInWorker, startProcess } from './processes.ts';
import { teamsEnv, teamsJob } from './teams.ts';

const REQUESTS = 2_200; // each load's 200 warm-up and 2,000 measured requests

/**
 * Where the time goes under the end-to-end loads: a V8 CPU profile (`--cpu-prof`) of each server
 * process while it serves the Slack load (bare Bolt + pg against Actionbot) and the Teams load (bare
 * CloudAdapter echo against Actionbot), summed by package and by function (bench/cpu-summary.ts).
 */
export async function benchProfile(): Promise<string> {
  buildOnce();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-profile-'));
  const fake = await startFakeSlack();
  const db = await createServerDatabase();
  const slack = { SIGNING_SECRET: 'bench-signing-secret', SLACK_API_URL: fake.apiUrl };
  const slackUrl = (port: number) => `http://127.0.0.1:${port}/slack/events`;
  const cases: {
    name: string;
    entry: string;
    env: Record<string, string>;
    load: (port: number) => Promise<unknown>;
  }[] = [
    {
      name: 'bare Bolt: ack, one INSERT with pg, respond (Slack load)',
      entry: 'bench/bare/bare-bolt.mjs',
      env: { ...slack, BARE_INSERT: db.url },
      load: (port: number) => runInWorker('./e2e-worker.ts', slackE2eJob(slackUrl(port))),
    },
    {
      name: 'Actionbot on PostgreSQL (Slack load)',
      entry: 'dist/main.js',
      env: {
        SLACK_BOT_TOKEN: 'xoxb-bench-token',
        SLACK_SIGNING_SECRET: slack.SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        ACTIONBOT_ADMINS: 'slack:U0BENCH',
        ACTIONBOT_SCHEDULES: 'false',
        LOG_LEVEL: 'warn',
        DATABASE_URL: db.url,
      },
      load: (port: number) => runInWorker('./e2e-worker.ts', slackE2eJob(slackUrl(port))),
    },
    {
      name: 'bare CloudAdapter echo bot (Teams load)',
      entry: 'bench/bare/bare-teams.mjs',
      env: {},
      load: (port: number) => runInWorker('./teams-worker.ts', teamsJob(port, 'echo: update')),
    },
    {
      name: 'Actionbot on PostgreSQL (Teams load)',
      entry: 'dist/main.js',
      env: { ...teamsEnv, DATABASE_URL: db.url },
      load: (port: number) => runInWorker('./teams-worker.ts', teamsJob(port, 'Updated')),
    },
  ];
  const out: string[] = [];
  try {
    for (const [i, c] of cases.entries()) {
      const at = path.join(dir, String(i));
      const proc = await startProcess(c.entry, c.env, c.entry.startsWith('dist') ? 'readyz' : 'stderr', [
        '--cpu-prof',
        `--cpu-prof-dir=${at}`,
      ]);
      await c.load(proc.port);
      await proc.stop();
      const file = fs.readdirSync(at).find((f) => f.endsWith('.cpuprofile'));
      const profile = JSON.parse(fs.readFileSync(path.join(at, file ?? ''), 'utf8'));
      const { busyMs } = summarizeCpuProfile(profile);
      out.push(
        `${renderCpuSummary(c.name, profile, 12)}\n\nCPU per request (start-up included): ${(busyMs / REQUESTS).toFixed(1)} ms.`,
      );
    }
  } finally {
    await fake.close();
    await dropServerDatabase(db.url);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return ['### Where the time goes under load: CPU profiles of the server processes', '', ...out].join(
    '\n\n',
  );
}
