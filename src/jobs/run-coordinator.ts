import type { RunCoordinator } from 'node-cron';
import type { Clock, ScheduleRepository } from '../domain/ports.ts';

/** node-cron's coordinator, plus keeping a long run's lease alive while it sends. */
export type DatabaseRunCoordinator = RunCoordinator & {
  /** Still holding `key`? Renews its lease once a third of it is used up; false once it was lost. */
  hold(key: string): Promise<boolean>;
  /** Lets go of an unfinished run (the service is stopping) so another replica resumes it at once. */
  release(key: string): Promise<void>;
};

/**
 * node-cron's `RunCoordinator` backed by the database: `shouldRun` claims the run key (one job and
 * time slot, e.g. `digest:2027-01-11`) in `job_runs` for `ttlMs`, so exactly one replica runs it;
 * a key already finished, or held by a live replica, is refused; an unfinished one whose lease has
 * lapsed (its replica died) is taken over. The lease's end is the holder's fencing token: renewing
 * it only succeeds while nobody took the run over. `onComplete` marks it finished for good.
 */
export function createRunCoordinator(schedules: ScheduleRepository, clock: Clock): DatabaseRunCoordinator {
  const held = new Map<string, { until: Date; ttlMs: number }>();
  return {
    async shouldRun(key, ttlMs) {
      const now = clock.now();
      if ((await schedules.claimRun(key, now, ttlMs)) !== 'claimed') return false;
      held.set(key, { until: new Date(now.getTime() + ttlMs), ttlMs });
      return true;
    },
    async hold(key) {
      const lease = held.get(key);
      if (!lease) return false;
      const now = clock.now().getTime();
      if (lease.until.getTime() - now > (lease.ttlMs * 2) / 3) return true;
      const until = new Date(now + lease.ttlMs);
      if (await schedules.renewRun(key, lease.until, until)) {
        lease.until = until;
        return true;
      }
      held.delete(key);
      return false;
    },
    async release(key) {
      const lease = held.get(key);
      held.delete(key);
      if (lease) await schedules.renewRun(key, lease.until, clock.now());
    },
    async onComplete(key) {
      held.delete(key);
      await schedules.finishRun(key, clock.now());
    },
  };
}
