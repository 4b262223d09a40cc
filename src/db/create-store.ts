import type { Store } from '../domain/ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { createAbsenceRepository } from './absence.repository.ts';
import { createActionRepository } from './action.repository.ts';
import { createCheckbackRepository } from './checkback.repository.ts';
import { createCommitteeRepository } from './committee.repository.ts';
import { createConversationRepository } from './conversation.repository.ts';
import { createFeedbackRepository } from './feedback.repository.ts';
import { createFeedbackSecrets } from './feedback-secrets.ts';
import { createJobRunRepository } from './job-run.repository.ts';
import { createNetworkRepository } from './network.repository.ts';
import { createOutbox } from './outbox.repository.ts';
import { createPeopleRepository } from './people.repository.ts';
import { createPlanRepository } from './plan.repository.ts';
import { createScheduleReadModel } from './schedule-read.repository.ts';
import { createSponsorRepository } from './sponsor.repository.ts';
import { createSubscriptionRepository } from './subscription.repository.ts';

/**
 * Store options: `feedbackSecret` keys receipt and member-list hashes (see feedback-secret-file.ts).
 * Undefined: no staff network can be created, and anything that hashes fails.
 */
export type StoreOptions = { feedbackSecret: string | undefined };

/** The repositories the commands use, over one Prisma client. */
export function createStore(prisma: PrismaClient, options: StoreOptions): Store {
  const secrets = options.feedbackSecret === undefined ? null : createFeedbackSecrets(options.feedbackSecret);
  return {
    sponsors: createSponsorRepository(prisma),
    plans: createPlanRepository(prisma),
    actions: createActionRepository(prisma),
    people: createPeopleRepository(prisma),
    conversations: createConversationRepository(prisma),
    jobRuns: createJobRunRepository(prisma),
    outbox: createOutbox(prisma, secrets),
    subscriptions: createSubscriptionRepository(prisma),
    scheduleReads: createScheduleReadModel(prisma),
    networks: createNetworkRepository(prisma, secrets),
    feedback: createFeedbackRepository(prisma, secrets),
    committees: createCommitteeRepository(prisma),
    absences: createAbsenceRepository(prisma),
    checkbacks: createCheckbackRepository(prisma, secrets),
  };
}
