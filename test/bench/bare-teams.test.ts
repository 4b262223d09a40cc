import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeConnector, startFakeConnector } from '../support/fake-connector.ts';
import { freePort, ROOT } from '../support/run-bot.ts';

// The Teams latency bench's baseline must be a real bot: its echo goes through the CloudAdapter to
// the connector named by the activity's serviceUrl, like Actionbot's replies.
describe('the Teams bench baseline (bench/bare/bare-teams.mjs)', () => {
  let fake: FakeConnector;
  let child: ChildProcess;
  let port: number;

  beforeAll(async () => {
    fake = await startFakeConnector();
    port = await freePort();
    child = spawn(process.execPath, ['bench/bare/bare-teams.mjs'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let stderr = '';
      child.stderr?.on('data', (d) => {
        stderr += d;
        if (stderr.includes('ready\n')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`bare-teams exited ${code}: ${stderr}`)));
    });
  });

  afterAll(async () => {
    child?.kill('SIGTERM');
    await fake?.close();
  });

  it('answers a typed message in its personal chat with the echo, as a reply to it', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'in-1',
        serviceUrl: fake.url,
        channelId: 'msteams',
        from: { id: '29:ada', name: 'Ada', aadObjectId: 'aad-ada' },
        recipient: { id: '28:bench', name: 'Bench' },
        conversation: { id: 'a:personal-ada', conversationType: 'personal', tenantId: 'tenant-0001' },
        text: 'update 1.1 green Started',
      }),
    });
    expect(res.status).toBe(200);
    expect(fake.sent).toEqual([
      expect.objectContaining({
        conversationId: 'a:personal-ada',
        replyToId: 'in-1',
        activity: expect.objectContaining({ type: 'message', text: 'echo: update 1.1 green Started' }),
      }),
    ]);
  });
});
