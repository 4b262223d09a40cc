import { describe, expect, it } from 'vitest';
import { readCardSubmit, readFeedbackSubmit } from '../../src/bot/teams/card-submit.ts';
import { renderTeamsReply } from '../../src/bot/teams/render-cards.ts';
import { createReply } from '../../src/commands/reply.ts';

describe('Teams card submits', () => {
  it('reads a prompt form’s inputs named after its action, ignoring the other actions’ inputs', () => {
    const value = {
      actionbot: 'update',
      target: 'ARAP:2.4',
      'status:ARAP:2.4': 'RED',
      'note:ARAP:2.4': 'Panel members not found',
      'status:ARAP:2.5': 'GREEN',
      'note:ARAP:2.5': 'not this one',
    };
    expect(readCardSubmit(value)).toEqual({
      kind: 'update',
      planCode: 'ARAP',
      ref: '2.4',
      status: 'RED',
      note: 'Panel members not found',
    });
  });

  it('keeps a quick button’s own status even when a form’s inputs come with it', () => {
    const value = { actionbot: 'quick', target: 'ARAP:2.4', status: 'GREEN', 'status:ARAP:2.4': 'RED' };
    expect(readCardSubmit(value)).toMatchObject({ kind: 'quick', status: 'GREEN' });
  });

  it('reads the feedback card: the searched tag and refs typed beside it', () => {
    const text = readFeedbackSubmit({
      actionbot: 'feedback',
      experience: ' It happened again. ',
      tags: 'theme ARAP:2',
      refs: 'ARAP:2.4, ARAP:3.1',
      asIs: '',
    });
    expect(text).toBe('feedback theme ARAP:2 ARAP:2.4 ARAP:3.1 -- It happened again.');
  });

  it('sends the feedback form alone: one card, not the typed instructions around it', () => {
    const reply = createReply(
      {
        type: 'feedback-form',
        notice: 'What is stored.',
        choices: [{ value: 'ARAP:2.4', label: 'ARAP 2.4 x' }],
        selected: [],
      },
      { type: 'heading', text: 'Anonymous feedback' },
      { type: 'paragraph', text: 'To send it, type: feedback -- <your experience>' },
    );
    const activities = renderTeamsReply(reply);
    expect(activities).toHaveLength(1);
    expect(JSON.stringify(activities)).not.toContain('To send it, type');
  });
});
