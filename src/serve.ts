import type { FrontDoor } from './bot/front-door.ts';
import { startHttpServer } from './bot/http-server.ts';
import type { Config } from './config.ts';
import type { Database } from './db/database.ts';
import type { Clock, Store } from './domain/ports.ts';
import type { ScheduleSettings } from './domain/schedule.ts';
import { type SchedulerDeps, startScheduler } from './jobs/scheduler.ts';
import type { Logger } from './logger.ts';
import { stopWithin, waitForStopSignal } from './shutdown.ts';

/** What serving needs: the configuration, the open database and its store, a logger, the clock and the schedule's settings. */
export type ServeDeps = {
  config: Config;
  logger: Logger;
  store: Store;
  db: Database;
  clock: Clock;
  /** Send hour, digest day and the days that are not working days (bank holidays, closure days). */
  schedule: ScheduleSettings;
};

/** SIGTERM/SIGINT to exit: this long at most, whatever the platforms are doing. */
const STOP_WITHIN_MS = 4_000;
/** Of that, what stopping the server, the schedules and the front doors may take before the database closes. */
const STOP_SERVING_WITHIN_MS = 2_500;

/**
 * Serves the front doors on one HTTP server until SIGINT/SIGTERM, then stops within STOP_WITHIN_MS:
 * no new requests or sends, retries' waits cut short (unsent messages stay in the outbox), the
 * database closed, and one `stopped` line naming whatever was unfinished. A second signal exits at once.
 */
export async function serveUntilSignalled(
  doors: FrontDoor[],
  { config, logger, store, db, clock, schedule }: ServeDeps,
): Promise<void> {
  const stopSignal = waitForStopSignal((signal, exitCode) => {
    logger.warn('stopping at once', { signal });
    process.exit(exitCode);
  });
  const server = await startHttpServer({
    ...config.http,
    routes: doors.flatMap((d) => d.routes),
    isReady: db.isReady,
    logger,
  });
  for (const door of doors) await door.start();
  const scheduler = config.schedules.enabled
    ? // The embedded database is opened by this process alone: no other can be running its jobs.
      startScheduler(schedulerDeps(doors, { config, logger, store, clock, schedule }), {
        soleProcess: db.soleProcess,
      })
    : null;
  logger.info('serving', {
    url: server.url,
    frontDoors: doors.map((d) => d.name),
    schedules: Boolean(scheduler),
  });
  const signal = await stopSignal;
  const started = Date.now();
  logger.info('stopping', { signal, withinMs: STOP_WITHIN_MS });
  const unfinished = await stopWithin(
    [
      { name: 'http server', stop: () => server.close() },
      ...(scheduler
        ? [
            {
              name: 'scheduled sends',
              stop: async () =>
                (await scheduler.stop()).map(
                  (key) => `scheduled run ${key} (unsent messages kept in the outbox)`,
                ),
            },
          ]
        : []),
      ...doors.map((door) => ({ name: `${door.name} front door`, stop: () => door.stop() })),
    ],
    STOP_SERVING_WITHIN_MS,
  );
  const left = Math.max(500, STOP_WITHIN_MS - (Date.now() - started));
  unfinished.push(...(await stopWithin([{ name: 'database', stop: () => db.close() }], left)));
  logger[unfinished.length ? 'warn' : 'info']('stopped', { signal, ms: Date.now() - started, unfinished });
}

function schedulerDeps(
  doors: FrontDoor[],
  { config, store, logger, clock, schedule }: Omit<ServeDeps, 'db'>,
): SchedulerDeps {
  return {
    store,
    senders: new Map(doors.flatMap((d) => (d.sender ? [[d.name, d.sender] as const] : []))),
    clock,
    logger,
    settings: schedule,
    catchUpMs: config.schedules.catchUpHours * 3_600_000,
    pacing: new Map(Object.entries(config.schedules.messagesPerSecond)),
    digestTimeZone: config.schedules.timeZone,
  };
}
