import type { Store } from '../domain/ports.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { createActionRepository } from './action.repository.ts';
import { createConversationRepository } from './conversation.repository.ts';
import { createPeopleRepository } from './people.repository.ts';
import { createPlanRepository } from './plan.repository.ts';
import { createScheduleRepository } from './schedule.repository.ts';

/** The repositories the commands use, over one Prisma client. */
export function createStore(prisma: PrismaClient): Store {
  return {
    plans: createPlanRepository(prisma),
    actions: createActionRepository(prisma),
    people: createPeopleRepository(prisma),
    conversations: createConversationRepository(prisma),
    schedules: createScheduleRepository(prisma),
  };
}
