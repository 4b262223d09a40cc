import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTeamsFiles, isTeamsFileUrl } from '../../src/bot/teams/teams-files.ts';

describe('where Teams files may be fetched from', () => {
  it('takes OneDrive and SharePoint links only, over https', () => {
    expect(
      isTeamsFileUrl('https://contoso-my.sharepoint.com/personal/jane/_layouts/15/download.aspx?x=1'),
    ).toBe(true);
    expect(isTeamsFileUrl('https://contoso.sharepoint.us/sites/a/file.xlsx')).toBe(true);
    expect(isTeamsFileUrl('http://contoso-my.sharepoint.com/file.xlsx')).toBe(false);
    expect(isTeamsFileUrl('https://sharepoint.com.evil.example/file.xlsx')).toBe(false);
    expect(isTeamsFileUrl('https://evil.example/contoso.sharepoint.com')).toBe(false);
    expect(isTeamsFileUrl('http://169.254.169.254/latest/meta-data/')).toBe(false);
    expect(isTeamsFileUrl('file:///etc/passwd')).toBe(false);
    expect(isTeamsFileUrl('not a url')).toBe(false);
    // The loopback emulator serves its files locally.
    expect(isTeamsFileUrl('http://127.0.0.1:3978/files/plan.xlsx', true)).toBe(true);
    expect(isTeamsFileUrl('file:///etc/passwd', true)).toBe(false);
  });

  describe('a typed import of another address', () => {
    const requests: string[] = [];
    let server: http.Server;
    let url = '';
    beforeAll(async () => {
      server = http.createServer((req, res) => {
        requests.push(req.url ?? '');
        res.end('secret');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/internal`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('is refused in one line without fetching anything', async () => {
      const result = await createTeamsFiles().download(`${url}#plan.xlsx`);
      expect(result).toEqual({
        ok: false,
        error: 'That is not a file sent in Teams: send the plan file to me in our chat.',
      });
      expect(requests).toEqual([]);
    });

    it('is fetched on the loopback emulator', async () => {
      const result = await createTeamsFiles({ anyFileHost: true }).download(`${url}#plan.xlsx`);
      expect(result.ok).toBe(true);
      expect(requests).toEqual(['/internal']);
    });
  });
});
