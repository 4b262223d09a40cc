import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type FakeSlack, signSlackRequest, startFakeSlack } from '../support/fake-slack.ts';
import { freePort } from '../support/run-bot.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SECRET = 'process-test-signing-secret';
const TOKEN = 'xoxb-process-test-token';

describe('npm start with Slack settings', () => {
  let fake: FakeSlack;
  // Inside a directory of its own: the feedback secret file is made beside the data directory.
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'actionbot-slack-e2e-'));
  const dataDir = path.join(tempDir, 'data');
  beforeAll(async () => {
    fake = await startFakeSlack();
  });
  afterAll(async () => {
    await fake.close();
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('serves /slack/events and health checks on PORT, answers a signed command, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ACTIONBOT_DATA_DIR: dataDir,
        ACTIONBOT_ADMINS: 'slack:U0OPS',
        SLACK_BOT_TOKEN: TOKEN,
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await eventually(() => stderr.includes('"msg":"serving"'), 'the bot to start serving', 60_000);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const body = new URLSearchParams({
        command: '/action',
        text: 'update 1.1 green Kick-off held',
        user_id: 'U0OPS',
        user_name: 'ops',
        team_id: 'T0TEST',
        channel_id: 'C0OPS',
        channel_name: 'ops',
        response_url: fake.responseUrl('proc'),
        trigger_id: 'trigger-proc',
      }).toString();
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SECRET, body) },
        body,
      });
      expect(res.status).toBe(200);
      const reply = await eventually(
        () => fake.responses.get('proc')?.[0] as { text: string } | undefined,
        'the reply',
      );
      expect(reply.text).toContain('Updated ARAP:1.1 (Not yet rated → Green)');
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('"msg":"stopping"');
    expect(stderr).not.toContain(TOKEN);
    expect(stderr).not.toContain(SECRET);
  });
});
