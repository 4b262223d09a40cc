import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The dependency direction is bot/jobs -> commands -> domain <- db (CONTRIBUTING.md).
const SRC = path.resolve(import.meta.dirname, '../src');

function listSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? listSources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1] ?? '');
}

/** Every import of a layer that resolves outside the folders it may use, or to a forbidden package. */
function findViolations(layer: string, allowedDirs: string[], allowedPackages: RegExp): string[] {
  return listSources(path.join(SRC, layer)).flatMap((file) =>
    importsOf(file)
      .filter((spec) => {
        if (!spec.startsWith('.')) return !allowedPackages.test(spec);
        const target = path.relative(SRC, path.resolve(path.dirname(file), spec));
        return !allowedDirs.some((dir) => target.startsWith(`${dir}/`));
      })
      .map((spec) => `${path.relative(SRC, file)} imports ${spec}`),
  );
}

/** Every relative import of a folder that resolves into one of the forbidden folders. */
function findImportsInto(folder: string, forbiddenDirs: string[]): string[] {
  return listSources(path.join(SRC, folder)).flatMap((file) =>
    importsOf(file)
      .filter((spec) => spec.startsWith('.'))
      .filter((spec) => {
        const target = path.relative(SRC, path.resolve(path.dirname(file), spec));
        return forbiddenDirs.some((dir) => target.startsWith(`${dir}/`));
      })
      .map((spec) => `${path.relative(SRC, file)} imports ${spec}`),
  );
}

describe('layers', () => {
  it('keeps the domain pure: no SDK, Prisma, node-cron, I/O or outer layer', () => {
    // croner reads cron expressions (src/domain/cron.ts only): a pure function of the dates it is given,
    // without I/O or dependencies, and it schedules nothing when made without a function.
    expect(findViolations('domain', ['domain'], /^(zod|croner)$/)).toEqual([]);
    const cronerUsers = listSources(path.join(SRC, 'domain')).filter((file) =>
      importsOf(file).includes('croner'),
    );
    expect(cronerUsers.map((file) => path.relative(SRC, file))).toEqual(['domain/cron.ts']);
  });

  it('keeps the commands platform-neutral: domain only, no chat SDK or database', () => {
    expect(findViolations('commands', ['commands', 'domain'], /^zod$/)).toEqual([]);
  });

  it('keeps the configuration sections to zod, node:path and domain types', () => {
    expect(findViolations('config', ['config', 'domain'], /^(zod|node:path)$/)).toEqual([]);
  });

  it('reads process.env in src/config.ts only', () => {
    const readers = listSources(SRC).filter((file) => /\bprocess\.env\b/.test(fs.readFileSync(file, 'utf8')));
    expect(readers.map((file) => path.relative(SRC, file))).toEqual(['config.ts']);
  });

  it('keeps each chat front door to itself: Slack, Teams and the console import none of the others', () => {
    const doors = ['bot/slack', 'bot/teams', 'bot/console'];
    const crossings = doors.flatMap((door) =>
      findImportsInto(
        door,
        doors.filter((d) => d !== door),
      ),
    );
    expect(crossings).toEqual([]);
  });

  it('finds a violation when there is one (the check itself works)', () => {
    expect(findViolations('db', ['domain'], /^zod$/).length).toBeGreaterThan(0);
    expect(findImportsInto('bot/console', ['bot'])).not.toEqual([]);
  });
});
