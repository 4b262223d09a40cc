import type { RunCoordinator } from 'node-cron';
import type { Clock } from '../domain/ports.ts';
import type { JobRunRepository } from '../domain/schedule-ports.ts';

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
 * a key already finished, or held by a live replica, is refused; an unfinished one nobody holds (its
 * replica died and the lease lapsed, or it was released) is taken over. The lease's end is the
 * holder's fencing token: renewing it only succeeds while nobody took the run over, and renewals of
 * one key are made one at a time (a heartbeat and a send may both ask). `onComplete` marks it finished.
 */
export function createRunCoordinator(jobRuns: JobRunRepository, clock: Clock): DatabaseRunCoordinator {
  const held = new Map<string, { until: Date; ttlMs: number; renewing: Promise<boolean> }>();
  const renew = async (key: string): Promise<boolean> => {
    const lease = held.get(key);
    if (!lease) return false;
    const now = clock.now().getTime();
    if (lease.until.getTime() - now > (lease.ttlMs * 2) / 3) return true;
    const until = new Date(now + lease.ttlMs);
    if (await jobRuns.renewRun(key, lease.until, until)) {
      lease.until = until;
      return true;
    }
    held.delete(key);
    return false;
  };
  return {
    async shouldRun(key, ttlMs) {
      const now = clock.now();
      if ((await jobRuns.claimRun(key, now, ttlMs)) !== 'claimed') return false;
      held.set(key, { until: new Date(now.getTime() + ttlMs), ttlMs, renewing: Promise.resolve(true) });
      return true;
    },
    hold(key) {
      const lease = held.get(key);
      if (!lease) return Promise.resolve(false);
      lease.renewing = lease.renewing.then(() => renew(key));
      return lease.renewing;
    },
    async release(key) {
      const lease = held.get(key);
      if (!lease) return;
      await lease.renewing; // the lease's end may be moving: release the one it ends up with
      held.delete(key);
      await jobRuns.releaseRun(key, lease.until);
    },
    async onComplete(key) {
      held.delete(key);
      await jobRuns.finishRun(key, clock.now());
    },
  };
}
