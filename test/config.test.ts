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
});
