import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded database under ./data and the console admin', () => {
    const config = loadConfig({});
    expect(config.database).toEqual({ kind: 'embedded', dataDir: expect.stringMatching(/\/data$/) });
    expect(config.consoleUser).toBe('admin');
    expect(config.loadDemoPlan).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set, and parses admins', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u@127.0.0.1:5432/db',
      ACTIONBOT_ADMINS: 'slack:U123, teams:0a1b-22, console:ops , Equality@Example.org',
      ACTIONBOT_DEMO: 'false',
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://u@127.0.0.1:5432/db' });
    expect(config.admins).toEqual([
      { platform: 'slack', externalId: 'U123' },
      { platform: 'teams', externalId: '0a1b-22' },
      { platform: 'console', externalId: 'ops' },
      { email: 'equality@example.org' },
    ]);
    expect(config.loadDemoPlan).toBe(false);
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: must be a postgresql://'],
    [{ ACTIONBOT_ADMINS: 'bob' }, '"bob" is not slack:<user id>'],
    [{ ACTIONBOT_DEMO: 'maybe' }, 'ACTIONBOT_DEMO: use true or false'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ACTIONBOT_USER: 'no spaces please' }, 'ACTIONBOT_USER'],
  ])('refuses %o with a message saying what to fix', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads Slack in HTTP mode and in Socket Mode, and the port and host', () => {
    const http = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 'abcdefgh12',
      PORT: '8080',
      HOST: '127.0.0.1',
    });
    expect(http.slack).toEqual({
      botToken: 'xoxb-1',
      signingSecret: 'abcdefgh12',
      appToken: undefined,
      apiUrl: undefined,
    });
    expect(http.http).toEqual({ port: 8080, host: '127.0.0.1' });
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }).slack?.appToken).toBe(
      'xapp-1',
    );
    expect(loadConfig({}).slack).toBeUndefined();
    expect(loadConfig({}).http).toEqual({ port: 3000, host: '0.0.0.0' });
  });

  it('reads Teams credentials and the loopback-only emulator mode', () => {
    expect(
      loadConfig({
        MICROSOFT_APP_ID: 'app',
        MICROSOFT_APP_PASSWORD: 'pw',
        MICROSOFT_APP_TYPE: 'SingleTenant',
        MICROSOFT_APP_TENANT_ID: 't',
      }).teams,
    ).toEqual({
      mode: 'authenticated',
      appId: 'app',
      appPassword: 'pw',
      tenantId: 't',
      appType: 'SingleTenant',
    });
    expect(loadConfig({ TEAMS_EMULATOR: 'true', HOST: '127.0.0.1' }).teams).toEqual({ mode: 'emulator' });
  });

  it.each([
    [{ SLACK_SIGNING_SECRET: 'abcdefgh12' }, 'set SLACK_BOT_TOKEN'],
    [{ SLACK_BOT_TOKEN: 'xoxb-1' }, 'set SLACK_SIGNING_SECRET (HTTP mode'],
    [
      { SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 'abcdefgh12' },
      'SLACK_BOT_TOKEN: must be the bot token',
    ],
    [{ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-2' }, 'SLACK_APP_TOKEN: must be an app-level token'],
    [{ PORT: 'eighty' }, 'PORT'],
    [{ MICROSOFT_APP_ID: 'app' }, 'set MICROSOFT_APP_PASSWORD'],
    [
      { MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'pw', MICROSOFT_APP_TYPE: 'SingleTenant' },
      'needs MICROSOFT_APP_TENANT_ID',
    ],
    [{ TEAMS_EMULATOR: 'true' }, 'only allowed when HOST is a loopback address'],
    [{ TEAMS_EMULATOR: 'true', HOST: '127.0.0.1', MICROSOFT_APP_ID: 'app' }, 'unset MICROSOFT_APP_ID'],
  ])('refuses inconsistent chat settings %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads the schedule settings', () => {
    const config = loadConfig({
      ACTIONBOT_BANK_HOLIDAYS: '2027-01-01, 2027-12-27',
      ACTIONBOT_CATCH_UP_HOURS: '6',
    });
    expect(config.schedules).toEqual({
      enabled: true,
      bankHolidayNation: 'england-and-wales',
      closureDays: new Set(['2027-01-01', '2027-12-27']),
      catchUpHours: 6,
      timeZone: 'Europe/London',
      messagesPerSecond: { slack: 5, teams: 10 },
    });
    expect(() => loadConfig({ ACTIONBOT_BANK_HOLIDAYS: '25/12/2027' })).toThrow('ACTIONBOT_BANK_HOLIDAYS');
    expect(loadConfig({ ACTIONBOT_BANK_HOLIDAY_NATION: 'scotland' }).schedules.bankHolidayNation).toBe(
      'scotland',
    );
    expect(() => loadConfig({ ACTIONBOT_BANK_HOLIDAY_NATION: 'wales' })).toThrow(
      '- ACTIONBOT_BANK_HOLIDAY_NATION: use one of england-and-wales, scotland, northern-ireland, none',
    );
    expect(() => loadConfig({ ACTIONBOT_TIMEZONE: 'Mars/Olympus' })).toThrow('IANA time zone');
  });
});
