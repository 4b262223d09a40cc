import { z } from 'zod';
import { findClosest } from '../../domain/closest-match.ts';
import { PLAN_CODE_PATTERN, REF_PATTERN } from '../../domain/codes.ts';
import { truncate } from '../../domain/format.ts';
import type { ActionQuery } from '../../domain/ports.ts';
import type { Status } from '../../domain/status.ts';
import { defineCommand } from '../command.ts';
import { findMyActions } from '../my-actions.ts';
import { getFlags, toActionItem } from '../present.ts';
import { createReply } from '../reply.ts';

const FILTERS = ['mine', 'overdue', 'stale', 'red', 'amber', 'green', 'complete', 'unrated'] as const;
type Filter = (typeof FILTERS)[number];
const STATUS_OF: Partial<Record<Filter, Status>> = {
  red: 'RED',
  amber: 'AMBER',
  green: 'GREEN',
  complete: 'COMPLETE',
  unrated: 'NOT_RATED',
};

const listSchema = z.object({
  filters: z.array(z.enum(FILTERS)),
  theme: z.string().regex(REF_PATTERN, 'theme takes a theme ref, like 2.').optional(),
  plan: z
    .string()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(PLAN_CODE_PATTERN, 'plan takes a plan code, like ARAP.'))
    .optional(),
});
type ListRequest = z.infer<typeof listSchema>;

/** `list [filters] [theme <ref>] [plan <code>]`: actions, narrowed. */
export const listCommand = defineCommand<ListRequest>({
  name: 'list',
  summary: 'List actions, optionally only mine, overdue, stale or of one status, theme or plan.',
  usage: ['list [mine|overdue|stale|red|amber|green|complete|unrated] [theme <ref>] [plan <code>]'],
  parse({ args }) {
    const raw: { filters: string[]; theme?: string; plan?: string } = { filters: [] };
    for (let i = 0; i < args.length; i++) {
      const word = (args[i]?.value ?? '').toLowerCase();
      if (word === 'theme' || word === 'plan') {
        const value = args[++i]?.value;
        if (value === undefined)
          return {
            ok: false,
            error: `${word} needs a value, like "${word} ${word === 'theme' ? '2' : 'ARAP'}".`,
          };
        raw[word] = value;
      } else if ((FILTERS as readonly string[]).includes(word)) {
        raw.filters.push(word);
      } else {
        const closest = findClosest(word, [...FILTERS, 'theme', 'plan']);
        return {
          ok: false,
          error: `list can't filter by "${truncate(word)}".${closest ? ` Did you mean ${closest}?` : ''}`,
        };
      }
    }
    const checked = listSchema.safeParse(raw);
    return checked.success
      ? { ok: true, value: checked.data }
      : { ok: false, error: checked.error.issues[0]?.message ?? '' };
  },
  async run(request, ctx) {
    const now = ctx.clock.now();
    const statuses = request.filters.flatMap((f) => STATUS_OF[f] ?? []);
    const query: ActionQuery = {
      ...(request.plan && { planCodes: [request.plan] }),
      ...(request.theme && { themeRef: request.theme }),
      ...(statuses.length && { statuses }),
    };
    const mine = request.filters.includes('mine')
      ? new Set((await findMyActions(ctx)).map((a) => a.id))
      : null;
    const actions = (await ctx.store.actions.findActions(query)).filter((a) => {
      const flags = getFlags(a, now);
      if (mine && !mine.has(a.id)) return false;
      if (request.filters.includes('overdue') && !flags.includes('overdue')) return false;
      return !request.filters.includes('stale') || flags.includes('stale');
    });
    const described = [request.filters.join(', '), request.theme && `theme ${request.theme}`, request.plan]
      .filter(Boolean)
      .join(' · ');
    const heading = `${actions.length} action${actions.length === 1 ? '' : 's'}${described ? ` (${described})` : ''}`;
    return createReply(
      { type: 'heading', text: heading },
      { type: 'actions', items: actions.map((a) => toActionItem(a, now)) },
    );
  },
});
