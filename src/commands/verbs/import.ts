import { PLAN_CODE_PATTERN } from '../../domain/codes.ts';
import type { PlanFile } from '../../domain/plan-file.ts';
import { formatPlanTree } from '../../domain/plan-tree.ts';
import type { ImportSummary } from '../../domain/ports.ts';
import { defineCommand } from '../command.ts';
import { createErrorReply, createReply, type Reply } from '../reply.ts';

/** `import <file> [as CODE] [confirm DIGEST]`: a file uploaded in chat; `confirm` names the bytes previewed. */
export type ImportRequest = { ref: string; code?: string; confirm?: string };

const DIGEST = /^[0-9a-f]{64}$/;

/**
 * `import`: a plan file uploaded to the bot in chat. Without `confirm` it is a preview (the plan as
 * read, the changes, the notes, and an Import button) and writes nothing; with `confirm` it imports
 * the file if it is still the one previewed (the digest of its bytes), never twice over.
 */
export const importCommand = defineCommand<ImportRequest>({
  name: 'import',
  summary: 'Admins: preview and import a plan file uploaded in a direct message (upload the file to start).',
  usage: ['import <uploaded file> [as CODE] [confirm <digest>]'],
  adminOnly: true,
  parse: ({ args }) => {
    const [ref, ...rest] = args.map((a) => a.value);
    if (!ref || ref.length > 4000)
      return { ok: false, error: 'Upload the plan file to me in a direct message.' };
    const request: ImportRequest = { ref };
    for (let i = 0; i < rest.length; i += 2) {
      const [word, value] = [rest[i]?.toLowerCase(), rest[i + 1]];
      if (word === 'as' && value && PLAN_CODE_PATTERN.test(value.toUpperCase()))
        request.code = value.toUpperCase();
      else if (word === 'confirm' && value && DIGEST.test(value)) request.confirm = value;
      else
        return {
          ok: false,
          error: `import reads "as CODE" and "confirm <digest>" after the file, not "${word}".`,
        };
    }
    return { ok: true, value: request };
  },
  async run(request, ctx) {
    if (!ctx.uploads)
      return createErrorReply(
        'Here, import a plan from the command line: npx actionbot import <file> --plan CODE',
      );
    const download = await ctx.uploads.source.download(request.ref);
    if (!download.ok) return createErrorReply(download.error, { code: 'upload_unavailable' });
    const { file } = download;
    const read = await ctx.uploads.reader.read(file, request.code);
    if (!read.ok) return createErrorReply(read.error, { code: 'not_a_plan' });
    if (request.confirm && request.confirm !== read.digest)
      return createErrorReply(
        `${file.name} has changed since its preview: upload it again to see what it holds now. Nothing was imported.`,
        { code: 'upload_changed' },
      );
    const at = ctx.clock.now();
    if (!request.confirm) {
      const preview = await ctx.store.plans.importPlan(read.plan, null, { dryRun: true, at });
      return describePreview(file.name, read.plan, read.notes, preview, {
        ...request,
        code: read.plan.code,
        confirm: read.digest,
      });
    }
    // A second press (or the same file pressed again later) finds nothing to change and writes nothing.
    const check = await ctx.store.plans.importPlan(read.plan, null, { dryRun: true, at });
    if (check.changes.length === 0)
      return createReply({
        type: 'paragraph',
        text: `${check.planCode} already matches ${file.name}: nothing was imported again.`,
      });
    const done = await ctx.store.plans.importPlan(read.plan, ctx.person.id, { at });
    return createReply({
      type: 'success',
      text: `Imported ${file.name}: ${done.created ? 'created' : 'updated'} plan ${done.planCode}, ${done.themes} themes, ${done.actionsCreated} actions added, ${done.actionsUpdated} updated, ${done.updatesRecorded} progress updates recorded.`,
    });
  },
});

/** The preview: what importing would change, the plan as read, the notes, and the button that imports it. */
function describePreview(
  name: string,
  plan: PlanFile,
  notes: string[],
  preview: ImportSummary,
  confirm: Required<ImportRequest>,
): Reply {
  const actions = plan.themes.reduce((n, t) => n + t.actions.length, 0);
  const heading = { type: 'heading' as const, text: `Preview: ${name} as plan ${plan.code}` };
  if (preview.changes.length === 0)
    return createReply(heading, {
      type: 'paragraph',
      text: `${plan.code} already matches this file (${plan.themes.length} themes, ${actions} actions): nothing to import.`,
    });
  const effect = preview.created
    ? `Importing creates plan ${plan.code} with ${preview.actionsCreated} actions.`
    : `Importing adds ${preview.actionsCreated} actions to ${plan.code} and changes ${preview.actionsUpdated}.`;
  return createReply(
    heading,
    {
      type: 'paragraph',
      text: `${effect} Nothing is written until you press Import. The plan as read (${plan.themes.length} themes, ${actions} actions):`,
    },
    { type: 'paragraph', text: formatPlanTree(plan).join('\n') },
    {
      type: 'paragraph',
      text: notes.length
        ? `${notes.length} note${notes.length === 1 ? '' : 's'} on what was read:\n${notes.join('\n')}`
        : 'No notes: every row was read without a guess.',
    },
    {
      type: 'command-button',
      label: `Import ${actions} actions`,
      command: `import ${confirm.ref} as ${confirm.code} confirm ${confirm.confirm}`,
    },
  );
}
