import { renderText } from '../../src/bot/render-text.ts';
import { type CommandRequest, dispatch } from '../../src/commands/dispatch.ts';
import type { Reply } from '../../src/commands/reply.ts';
import type { Actor, Person } from '../../src/domain/person.ts';
import type { PlanFile } from '../../src/domain/plan-file.ts';
import { createReportDocuments } from '../../src/reports/render-docx.ts';
import { FIXED_NOW, FIXTURE_PLAN } from './fixture-plan.ts';
import { createTestDatabase, type Engine, type TestDatabase } from './test-database.ts';

/** The console admin every harness knows. */
export const ADMIN: Actor = { platform: 'console', externalId: 'admin', displayName: 'admin' };

/** A database with a plan loaded, and a way to run commands against it as anyone. */
export type Harness = TestDatabase & {
  clock: { now(): Date; set(at: Date): void };
  reply(
    text: string,
    actor?: Actor,
    extra?: Pick<CommandRequest, 'requestKey' | 'conversation' | 'gesture'>,
  ): Promise<Reply>;
  /** The reply rendered as console text. */
  run(
    text: string,
    actor?: Actor,
    extra?: Pick<CommandRequest, 'requestKey' | 'conversation' | 'gesture'>,
  ): Promise<string>;
  /** Makes `actor` a known person holding `role` (an owner role of the plan). */
  holdRole(actor: Actor, role: string): Promise<Person>;
  /** Row counts of every table and the actions' state: equal snapshots mean nothing was written. */
  snapshot(): Promise<unknown>;
};

/** Opens a fresh database of one engine and imports a plan into it. */
export async function createHarness(engine: Engine, plan: PlanFile = FIXTURE_PLAN): Promise<Harness> {
  const test = await createTestDatabase(engine);
  await test.store.plans.importPlan(plan, null);
  let now = FIXED_NOW;
  const clock = {
    now: () => now,
    set: (at: Date) => {
      now = at;
    },
  };
  const deps = {
    store: test.store,
    clock,
    admins: [{ platform: 'console' as const, externalId: 'admin' }],
    documents: createReportDocuments(),
  };
  const reply = (
    text: string,
    actor: Actor = ADMIN,
    extra: Pick<CommandRequest, 'requestKey' | 'conversation' | 'gesture'> = {},
  ) => dispatch({ text, actor, ...extra } satisfies CommandRequest, deps);
  const p = test.db.prisma;
  return {
    ...test,
    clock,
    reply,
    run: async (text, actor, extra) => renderText(await reply(text, actor, extra)),
    async holdRole(actor, role) {
      const person = await test.store.people.ensurePerson(actor);
      await test.store.people.changeRoleHolders({
        roleName: role,
        personIds: [person.id],
        mode: 'add',
        actorId: person.id,
      });
      return person;
    },
    snapshot: async () => ({
      counts: await Promise.all([
        p.plan.count(),
        p.theme.count(),
        p.action.count(),
        p.role.count(),
        p.actionOwner.count(),
        p.person.count(),
        p.identity.count(),
        p.roleHolder.count(),
        p.progressUpdate.count(),
        p.auditEvent.count(),
        p.committeeMeeting.count(),
        p.feedback.count(),
        p.feedbackReply.count(),
      ]),
      // A sealed day is encrypted afresh at every write: equal bytes mean it was not written.
      sealed: await p.sealedFeedbackDay.findMany({ orderBy: [{ day: 'asc' }, { networkId: 'asc' }] }),
      actions: await p.action.findMany({
        orderBy: { ref: 'asc' },
        select: { ref: true, status: true, lastUpdateAt: true, updatedAt: true },
      }),
    }),
  };
}
