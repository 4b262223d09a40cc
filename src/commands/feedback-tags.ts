import type { TagTargets } from '../domain/feedback-ports.ts';

/** A theme or action feedback can be tagged with: `value` as the command takes it, `label` to show. */
export type TagChoice = { value: string; label: string };

/** Every theme and action of every plan as tag choices; labels carry the plan code. */
export function toTagChoices(targets: TagTargets): TagChoice[] {
  return [
    ...targets.themes.map((t) => ({
      value: `theme ${t.planCode}:${t.ref}`,
      label: `${t.planCode} theme ${t.ref} ${t.title}`,
    })),
    ...targets.actions.map((a) => ({
      value: `${a.planCode}:${a.ref}`,
      label: `${a.planCode} ${a.ref} ${a.title}`,
    })),
  ];
}

/**
 * The choices whose label holds every word of `query` (any case), at most `limit`: what a searchable
 * select shows as the person types. An empty query lists the first ones.
 */
export function searchTagChoices(choices: readonly TagChoice[], query: string, limit: number): TagChoice[] {
  const words = toSearchWords(query);
  const found: TagChoice[] = [];
  for (const choice of choices) {
    const label = choice.label.toLowerCase();
    if (words.every((w) => label.includes(w))) found.push(choice);
    if (found.length === limit) break;
  }
  return found;
}

/** The words of what someone typed into a search box, lower-cased. */
export function toSearchWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}
