import { describe, expect, it } from 'vitest';
import { renderSlackMessages } from '../../src/bot/slack/render-messages.ts';
import { searchTagChoices } from '../../src/commands/feedback-tags.ts';
import { createReply } from '../../src/commands/reply.ts';
import { createLongReply, expectedLines, linesIn } from '../support/long-reply.ts';
import { checkSlackMessage } from '../support/slack-limits.ts';

describe('splitting replies into Slack messages', () => {
  it('keeps a short reply in one message, without a part line', () => {
    const [only, ...rest] = renderSlackMessages(createReply({ type: 'success', text: 'Updated ARAP:2.4' }));
    expect(rest).toEqual([]);
    expect(JSON.stringify(only)).not.toContain('Part 1');
  });

  it('splits a long reply into messages of at most 50 blocks, in order, each saying which part it is', () => {
    const messages = renderSlackMessages(createLongReply(120, 2900));
    expect(messages.length).toBe(3);
    for (const [i, m] of messages.entries()) {
      expect(checkSlackMessage(m)).toBeNull();
      expect(JSON.stringify(m.blocks.at(-1))).toContain(`Part ${i + 1} of 3`);
    }
    expect(linesIn(messages.map((m) => m.blocks))).toEqual(expectedLines(120));
  });
});

describe('searching feedback tags', () => {
  const choices = [
    { value: 'theme ARAP:2', label: 'ARAP theme 2 Recruitment and retention' },
    { value: 'ARAP:2.3', label: 'ARAP 2.3 Include a diverse recruiter on every panel' },
    { value: 'NSAR:1.1', label: 'NSAR 1.1 Recruit a race equality lead' },
  ];
  it('matches every word of the query in any case, across plans, up to the limit', () => {
    expect(searchTagChoices(choices, 'RECRUIT', 10).map((c) => c.value)).toEqual([
      'theme ARAP:2',
      'ARAP:2.3',
      'NSAR:1.1',
    ]);
    expect(searchTagChoices(choices, 'nsar recruit', 10).map((c) => c.value)).toEqual(['NSAR:1.1']);
    expect(searchTagChoices(choices, '', 2)).toHaveLength(2);
  });
});
