import { describe, expect, it } from 'vitest';
import { createHomePageAction } from '../../src/bot/slack/listeners/actions/home-page.ts';
import {
  createQuickStatusAction,
  parseQuickStatus,
} from '../../src/bot/slack/listeners/actions/quick-status.ts';
import type { SlackListenerContext } from '../../src/bot/slack/listeners/context.ts';
import { toResponses } from '../../src/bot/slack/listeners/respond.ts';
import { createUpdateModalSubmit } from '../../src/bot/slack/listeners/views/update-modal.ts';
import { type ActionItem, createErrorReply, createReply, type Reply } from '../../src/commands/reply.ts';
import { createLongReply } from '../support/long-reply.ts';

// Slack listeners unit-tested with hand fakes (no HTTP, no database), as in slack-samples'
// bolt-ts-starter-template: a fake context runs "commands", a fake client records calls.

const ITEM: ActionItem = {
  planCode: 'ARAP',
  ref: '2.4',
  title: 'Review recruitment data',
  status: 'AMBER',
  owners: ['Head of People Services'],
  due: 'March 2027',
  flags: [],
  lastUpdate: null,
};

function fakeContext(answer: (text: string, options: unknown) => Reply) {
  const runs: { text: string; options: unknown }[] = [];
  const refreshed: unknown[] = [];
  const ctx: SlackListenerContext = {
    run: async (_user, text, options) => {
      runs.push({ text, options });
      return answer(text, options);
    },
    publishHome: async () => {},
    answerModal: async () => {},
    refreshPrompt: async (_client, prompt) => {
      refreshed.push(prompt);
    },
    findPromptTime: async () => undefined,
    searchTags: async () => [],
  };
  return { ctx, runs, refreshed };
}

function fakeClient() {
  const opened: unknown[] = [];
  return { opened, client: { views: { open: async (args: unknown) => opened.push(args) } } };
}

const click = (status: string) => ({
  body: {
    user: { id: 'U0JANE' },
    trigger_id: 'trigger-1',
    response_url: 'https://hooks.example/r1',
    container: { message_ts: '1700000000.000100' },
  },
  action: { action_id: `quick_status:${status}`, value: JSON.stringify({ target: 'ARAP:2.4', status }) },
});

describe('the quick status button', () => {
  it('opens the form with Red chosen when the update command answers with the form', async () => {
    const { ctx, runs } = fakeContext(() =>
      createReply({ type: 'update-form', item: ITEM, choices: [], status: 'RED', hint: 'Red needs a note' }),
    );
    const { client, opened } = fakeClient();
    const responded: unknown[] = [];
    await createQuickStatusAction(ctx)({
      ack: async () => {},
      respond: async (b: unknown) => responded.push(b),
      client,
      ...click('RED'),
    } as never);
    expect(runs[0]).toMatchObject({ text: 'update ARAP:2.4 red --', options: { gesture: 'quick-status' } });
    expect(JSON.stringify(opened)).toContain('"initial_option":{"text":{"type":"plain_text","text":"Red"');
    expect(responded).toEqual([]);
  });

  it('answers Green at the response_url, with a request key that is the same for the same click', async () => {
    const { ctx, runs } = fakeContext(() => createReply({ type: 'success', text: 'Updated ARAP:2.4' }));
    const responded: { text: string }[] = [];
    const args = {
      ack: async () => {},
      respond: async (b: { text: string }) => responded.push(b),
      client: fakeClient().client,
      ...click('GREEN'),
    };
    await createQuickStatusAction(ctx)(args as never);
    await createQuickStatusAction(ctx)(args as never);
    expect(responded.map((r) => r.text)).toEqual(['✓ Updated ARAP:2.4', '✓ Updated ARAP:2.4']);
    const [first, second] = runs.map((r) => (r.options as { requestKey: string }).requestKey);
    expect(first).toMatch(/^slack:[0-9a-f]{64}$/);
    expect(second).toBe(first);
  });

  it('reads only our buttons’ values', () => {
    expect(parseQuickStatus('{"target":"ARAP:2.4","status":"GREEN"}')).toEqual({
      planCode: 'ARAP',
      ref: '2.4',
      status: 'GREEN',
    });
    for (const value of [
      undefined,
      'nope',
      '{"target":"ARAP","status":"GREEN"}',
      '{"target":"A:1","status":"X"}',
    ])
      expect(parseQuickStatus(value)).toBeNull();
  });
});

describe('the Home tab’s paging buttons', () => {
  it('publishes the page the button names', async () => {
    const pages: (number | undefined)[] = [];
    const { ctx } = fakeContext(() => createReply());
    ctx.publishHome = async (_client, _user, page) => {
      pages.push(page);
    };
    for (const value of ['2', '0', 'junk'])
      await createHomePageAction(ctx)({
        ack: async () => {},
        body: { user: { id: 'U0JANE' } },
        action: { action_id: `home_page:${value}`, value },
        client: {},
      } as never);
    expect(pages).toEqual([2, 0, 0]);
  });
});

describe('the update form submitted', () => {
  const submit = (note: string) => ({
    body: { user: { id: 'U0JANE' } },
    view: {
      id: 'V1',
      private_metadata: JSON.stringify({ target: 'ARAP:2.4' }),
      state: {
        values: {
          status: { value: { selected_option: { value: 'RED' } } },
          note: { value: { value: note } },
        },
      },
    },
    client: {},
  });

  it('shows a refusal on the input its field names, whatever its wording', async () => {
    const { ctx } = fakeContext(() =>
      createErrorReply('Reworded: this sentence says nothing about the input.', { code: 'x', field: 'note' }),
    );
    const acks: unknown[] = [];
    await createUpdateModalSubmit(ctx)({ ack: async (a: unknown) => acks.push(a), ...submit('') } as never);
    expect(acks).toEqual([
      {
        response_action: 'errors',
        errors: { note: 'Reworded: this sentence says nothing about the input.' },
      },
    ]);
  });
});

describe('answers at a response_url', () => {
  it('posts every part up to five, then says how to narrow it instead of stopping silently', () => {
    const bodies = toResponses(createLongReply(500, 2900)); // 11 messages
    expect(bodies).toHaveLength(5);
    expect(bodies.at(-1)?.text).toMatch(/takes 11 messages.*Narrow it/);
    expect(toResponses(createReply({ type: 'success', text: 'ok' }))).toHaveLength(1);
  });
});
