import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, inflateRawSync } from 'node:zlib';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { buildAppPackage, checkSettings } from '../../src/bot/teams/app-package/app-package.ts';
import { COMMANDS } from '../../src/commands/registry.ts';

const TEAMS_DIR = new URL('../../teams/', import.meta.url);
const APP_ID = '8f0c6f0e-1d2b-4c3d-9e8f-0a1b2c3d4e5f';
const SETTINGS = {
  appId: APP_ID,
  developerName: 'Council E&I team',
  websiteUrl: 'https://actionbot.example.org',
};

/** Reads a zip archive the way an unzip tool does: from the central directory, checking every CRC. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBe(zip.length - 22);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [method, crc, compressedSize, size] = [
      zip.readUInt16LE(at + 10),
      zip.readUInt32LE(at + 16),
      zip.readUInt32LE(at + 20),
      zip.readUInt32LE(at + 24),
    ];
    const [nameLength, extraLength, commentLength] = [28, 30, 32].map((o) => zip.readUInt16LE(at + o));
    const name = zip.subarray(at + 46, at + 46 + (nameLength as number)).toString('utf8');
    const local = zip.readUInt32LE(at + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    expect(method).toBe(8);
    // Modified time and date (MS-DOS format): 00:00 on 1 January 2024, whenever the package is built.
    expect([zip.readUInt16LE(at + 12), zip.readUInt16LE(at + 14)]).toEqual([
      0,
      ((2024 - 1980) << 9) | (1 << 5) | 1,
    ]);
    const data = inflateRawSync(zip.subarray(dataAt, dataAt + compressedSize));
    expect(data.length).toBe(size);
    expect(crc32(data)).toBe(crc);
    files.set(name, data);
    at += 46 + (nameLength as number) + (extraLength as number) + (commentLength as number);
  }
  return files;
}

/** A PNG's size and RGBA pixels, decoded by pngjs (which checks the signature, every chunk's CRC and the data). */
function readPng(png: Buffer) {
  const { width, height, data } = PNG.sync.read(png);
  const pixels: number[][] = [];
  for (let i = 0; i < data.length; i += 4) pixels.push([...data.subarray(i, i + 4)]);
  return { width, height, pixels };
}

describe('Teams app package', () => {
  it('zips manifest.json and both icons at the root, every entry intact', async () => {
    const files = readZip(await buildAppPackage(TEAMS_DIR, SETTINGS));
    expect([...files.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
    expect(files.get('color.png')).toEqual(readFileSync(new URL('color.png', TEAMS_DIR)));
    expect(files.get('outline.png')).toEqual(readFileSync(new URL('outline.png', TEAMS_DIR)));
  });

  it('gives the same archive, byte for byte, for the same inputs', async () => {
    const first = await buildAppPackage(TEAMS_DIR, SETTINGS);
    expect(await buildAppPackage(TEAMS_DIR, SETTINGS)).toEqual(first);
    readZip(first); // which checks each entry's fixed timestamp, not the time it was built
  });

  it('fills the manifest: the bot id, the scopes, and a command list of commands that exist', async () => {
    const files = readZip(await buildAppPackage(TEAMS_DIR, SETTINGS));
    const text = files.get('manifest.json')?.toString('utf8') ?? '';
    expect(text).not.toContain('${{');
    const manifest = JSON.parse(text);
    expect(manifest.manifestVersion).toBe('1.17');
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.developer).toEqual({
      name: 'Council E&I team',
      websiteUrl: SETTINGS.websiteUrl,
      privacyUrl: SETTINGS.websiteUrl,
      termsOfUseUrl: SETTINGS.websiteUrl,
    });
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    const [bot] = manifest.bots;
    expect(bot.botId).toBe(APP_ID);
    expect(bot.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot.supportsFiles).toBe(true); // reports are sent as files in personal chats
    const [list] = bot.commandLists;
    expect(list.scopes).toEqual(bot.scopes);
    expect(list.commands.length).toBeLessThanOrEqual(10); // Teams' limit per list
    const verbs = COMMANDS.map((c) => c.name);
    for (const command of list.commands) {
      expect(verbs).toContain(command.title);
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
    }
  });

  it('has a 192×192 colour icon and a 32×32 outline icon that is white on transparent', async () => {
    const files = readZip(await buildAppPackage(TEAMS_DIR, SETTINGS));
    const color = readPng(files.get('color.png') as Buffer);
    expect([color.width, color.height]).toEqual([192, 192]);
    expect(color.pixels.every((p) => p[3] === 255)).toBe(true);
    const outline = readPng(files.get('outline.png') as Buffer);
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const visible = outline.pixels.filter((p) => (p[3] as number) > 0);
    expect(visible.length).toBeGreaterThan(20);
    expect(visible.every(([r, g, b]) => r === 255 && g === 255 && b === 255)).toBe(true);
    expect(outline.pixels.some((p) => p[3] === 0)).toBe(true);
  });

  it('refuses settings Teams would reject, saying what to pass', () => {
    expect(checkSettings(SETTINGS)).toBeNull();
    expect(checkSettings({ ...SETTINGS, appId: 'my-bot' })).toMatch(/--app-id .*GUID/);
    expect(checkSettings({ ...SETTINGS, websiteUrl: 'http://example.org' })).toMatch(/--website .*https/);
  });

  it('npm run teams:package writes the same package', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'actionbot-teams-')), 'package.zip');
    const script = new URL('../../src/bot/teams/app-package/package-cli.ts', import.meta.url);
    execFileSync('npx', ['tsx', script.pathname, '--app-id', APP_ID, '--out', out], { stdio: 'pipe' });
    const manifest = JSON.parse(readZip(readFileSync(out)).get('manifest.json')?.toString('utf8') ?? '{}');
    expect(manifest.bots[0].botId).toBe(APP_ID);
  });
});
