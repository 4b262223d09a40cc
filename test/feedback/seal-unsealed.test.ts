import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackSecrets } from '../../src/db/feedback-secrets.ts';
import type { Actor } from '../../src/domain/person.ts';
import { createHarness, type Harness } from '../support/harness.ts';
import { ENGINES, TEST_FEEDBACK_SECRET } from '../support/test-database.ts';

const as = (name: string): Actor => ({ platform: 'console', externalId: name, displayName: name });
const CHAIR = as('chair');
const NET = '"Ethnic Minority Staff Network"';

describe.each(ENGINES)('submissions stored before sealed days, on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
    await h.run(`network create ${NET}`);
    await h.run(`network members ${NET} add @amara @ben @chi`);
    await h.run(`network moderators ${NET} add @chair`);
  });
  afterAll(() => h?.drop());

  it('are sealed at start-up, once, and stay readable by receipt and moderators', async () => {
    const secrets = createFeedbackSecrets(TEST_FEEDBACK_SECRET);
    const network = await h.store.networks.findNetwork('Ethnic Minority Staff Network');
    const chair = await h.store.people.ensurePerson(CHAIR);
    const receipt = secrets.newReceipt();
    // Rows as the previous version wrote them: pending, approved (with a moderator's reply), released.
    const rows = [
      { code: 'FLEGA1', status: 'pending', text: 'Old pending one.' },
      { code: 'FLEGA2', status: 'approved', text: 'Old approved one.' },
      { code: 'FLEGA3', status: 'released', text: 'Old released one.' },
    ];
    for (const [i, r] of rows.entries())
      await h.db.prisma.feedback.create({
        data: {
          ...r,
          networkId: network?.id ?? '',
          actionIds: [],
          themeIds: [],
          day: new Date('2026-11-20T00:00:00Z'),
          receiptHash: i === 0 ? await secrets.hashReceipt(receipt) : `hash-${i}`,
          ...(r.status === 'approved'
            ? { moderatorId: chair.id, moderatedOn: new Date('2026-11-21T00:00:00Z') }
            : {}),
          ...(r.status === 'released' ? { releasedOn: new Date('2026-11-21T00:00:00Z') } : {}),
        },
      });
    const approved = await h.db.prisma.feedback.findUnique({ where: { code: 'FLEGA2' } });
    await h.db.prisma.feedbackReply.create({
      data: {
        feedbackId: approved?.id ?? '',
        authorId: chair.id,
        text: 'Thank you.',
        day: new Date('2026-11-21T00:00:00Z'),
      },
    });

    expect(await h.store.feedback.sealUnsealed()).toBe(2);
    expect(await h.store.feedback.sealUnsealed()).toBe(0);
    expect((await h.db.prisma.feedback.findMany()).map((r) => r.code)).toEqual(['FLEGA3']);
    expect(await h.db.prisma.feedbackReply.count()).toBe(0);
    expect(await h.db.prisma.sealedFeedbackDay.count()).toBe(1);
    expect(await h.run(`feedback check ${receipt}`, as('anyone'))).toContain('waiting for a moderator');
    expect(await h.run('moderate', CHAIR)).toContain('Old pending one.');
    const approvedNow = await h.store.feedback.findByCode('FLEGA2');
    expect(approvedNow?.status).toBe('approved');
    expect(approvedNow?.replies.map((r) => `${r.author}: ${r.text}`)).toEqual(['chair: Thank you.']);
  });
});
