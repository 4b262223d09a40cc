import { type PlanFile, planFileSchema } from '../../src/domain/plan-file.ts';

/** The role that owns the first 200 actions, and the one that owns the next 40. */
export const OWNER_OF_200 = 'Director of Everything';
export const OWNER_OF_40 = 'Head of Forty';

/** A note of about `length` characters, made of ordinary words (what people really write). */
export function longNote(length: number, seed = 0): string {
  const words =
    'Recruitment data reviewed with the staff network; panels trained; the next step is the pay gap audit & <b>evidence</b> for "Complete".'.split(
      ' ',
    );
  let note = '';
  for (let i = seed; note.length < length; i++) note += `${words[i % words.length]} `;
  return note.slice(0, length).trim();
}

/**
 * A plan of `actions` actions in themes of 20, every one overdue and carrying a latest update of
 * `noteLength` characters; the first 200 owned by {@link OWNER_OF_200}, the next 40 by
 * {@link OWNER_OF_40}, the rest shared out among 50 officers. Statuses cycle through the RAG words.
 */
export function createLargePlan(actions: number, noteLength: number, code = 'BIG'): PlanFile {
  const statuses = ['red', 'amber', 'green', 'complete', 'not rated'] as const;
  const themes = Array.from({ length: Math.ceil(actions / 20) }, (_, t) => ({
    ref: String(t + 1),
    title: `Theme ${t + 1}: workforce, leadership and community engagement across the council's services`,
    actions: Array.from({ length: Math.min(20, actions - t * 20) }, (_, a) => {
      const i = t * 20 + a;
      return {
        ref: `${t + 1}.${a + 1}`,
        title: `Review and publish the ${i + 1}th workforce race equality measure, with the staff network, and report to the board`,
        owners: [i < 200 ? OWNER_OF_200 : i < 240 ? OWNER_OF_40 : `Officer ${i % 50}`],
        due: '31/03/2025',
        status: statuses[i % statuses.length],
        latestUpdate: longNote(noteLength, i),
      };
    }),
  }));
  return planFileSchema.parse({ code, title: `A plan of ${actions} actions`, themes });
}
