import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH } from '../../src/bot/slack/slack-front-door.ts';

const read = (name: string) => readFileSync(new URL(`../../slack/${name}`, import.meta.url), 'utf8');

describe.each(['manifest.yml', 'manifest.socket-mode.yml'])('slack/%s', (name) => {
  const text = read(name);
  const manifest = parse(text);

  it('declares /action, App Home, interactivity and the events the bot handles', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/action']);
    expect(manifest.features.slash_commands[0].should_escape).toBe(true);
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_home_opened', 'message.im']);
    // Admins upload plan files in their direct chat with the app.
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });

  it('asks for the least scopes, each justified by a comment', () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    expect(scopes.sort()).toEqual([
      'channels:history',
      'channels:read',
      'chat:write',
      'commands',
      'files:read',
      'files:write',
      'groups:history',
      'groups:read',
      'im:history',
      'im:write',
      'users:read',
      'users:read.email',
    ]);
    for (const scope of scopes) expect(text).toMatch(new RegExp(`- ${scope.replace('.', '\\.')} # \\w+`));
  });

  it(
    name === 'manifest.yml' ? 'sends everything to /slack/events' : 'uses Socket Mode and no public URL',
    () => {
      const urls = [
        manifest.features.slash_commands[0].url,
        manifest.settings.event_subscriptions.request_url,
        manifest.settings.interactivity.request_url,
      ];
      if (name === 'manifest.yml') {
        expect(manifest.settings.socket_mode_enabled).toBe(false);
        for (const url of urls) expect(new URL(url).pathname).toBe(SLACK_EVENTS_PATH);
      } else {
        expect(manifest.settings.socket_mode_enabled).toBe(true);
        expect(urls).toEqual([undefined, undefined, undefined]);
      }
    },
  );
});
