import { describe, expect, it } from 'vitest';
import { findClosest } from '../../src/domain/closest-match.ts';
import { describeStatus, findStatusTypo, parseStatusWord } from '../../src/domain/status.ts';

describe('status words', () => {
  it.each([
    ['red', 'RED'],
    ['R', 'RED'],
    ['Amber', 'AMBER'],
    ['a', 'AMBER'],
    ['GREEN', 'GREEN'],
    ['g', 'GREEN'],
    ['complete', 'COMPLETE'],
    ['Done', 'COMPLETE'],
    ['c', 'COMPLETE'],
    ['blue', 'COMPLETE'],
    ['purple', null],
    ['read', null],
  ])('%s -> %s', (word, status) => {
    expect(parseStatusWord(word)).toBe(status);
  });

  it('spots typos of the long status words only', () => {
    expect(findStatusTypo('grean')).toBe('green');
    expect(findStatusTypo('Ambr')).toBe('amber');
    expect(findStatusTypo('compelte')).toBe('complete');
    expect(findStatusTypo('read')).toBeNull();
    expect(findStatusTypo('green')).toBeNull();
    expect(findStatusTypo('agreed')).toBeNull();
  });

  it('describes statuses for people', () => {
    expect(describeStatus('NOT_RATED')).toBe('Not yet rated');
    expect(describeStatus('AMBER')).toBe('Amber');
  });
});

describe('findClosest', () => {
  it('suggests near misses and prefixes, and nothing for unrelated words', () => {
    expect(findClosest('2.44', ['2.4', '10.3', '1.1'])).toBe('2.4');
    expect(findClosest('updte', ['update', 'show'])).toBe('update');
    expect(findClosest('upd', ['update', 'show'])).toBe('update');
    expect(findClosest('banana', ['update', 'show'])).toBeNull();
  });
});
