import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  formatReceipt,
  formatTarget,
  isRef,
  looksLikeRef,
  normaliseReceipt,
  PLAN_CODE_PATTERN,
  parseFeedbackId,
  parsePlanCode,
  parseReceiptCode,
  parseRefText,
  parseTarget,
  RECEIPT_LENGTH,
} from '../../src/domain/codes.ts';

describe('plan codes', () => {
  it('are 2-16 capitals, digits or dashes starting with a letter', () => {
    expect(PLAN_CODE_PATTERN.test('ARAP')).toBe(true);
    expect(PLAN_CODE_PATTERN.test('WRES-2024')).toBe(true);
    expect(PLAN_CODE_PATTERN.test('arap')).toBe(false); // a plan file writes them in capitals
    expect(PLAN_CODE_PATTERN.test('A')).toBe(false);
    expect(PLAN_CODE_PATTERN.test('2ARAP')).toBe(false);
    expect(PLAN_CODE_PATTERN.test(`A${'B'.repeat(16)}`)).toBe(false);
  });

  it('parse as typed, in any case', () => {
    expect(parsePlanCode('arap')).toBe('ARAP');
    expect(parsePlanCode(' Wres ')).toBe('WRES');
    expect(parsePlanCode('2.4')).toBeNull();
  });
});

describe('action refs', () => {
  it('read with or without a plan code, a leading # allowed', () => {
    expect(parseRefText('2.4')).toEqual({ planCode: null, ref: '2.4' });
    expect(parseRefText('#2.4')).toEqual({ planCode: null, ref: '2.4' });
    expect(parseRefText('arap:2.4')).toEqual({ planCode: 'ARAP', ref: '2.4' });
    expect(parseRefText('ARAP:')).toBeNull();
    expect(parseRefText(':1.1')).toBeNull();
    expect(parseRefText('2 4')).toBeNull();
    expect(parseRefText('9'.repeat(21))).toBeNull();
  });

  it('within a plan are letters, digits, dots and dashes', () => {
    expect(isRef('10.3a')).toBe(true);
    expect(isRef('.1')).toBe(false);
    expect(isRef('1/2')).toBe(false);
  });

  it('are recognised where a word looks like one', () => {
    expect(looksLikeRef('2.4')).toBe(true);
    expect(looksLikeRef('#ARAP:1.2')).toBe(true);
    expect(looksLikeRef('update')).toBe(false);
  });

  it('travel as CODE:ref and read back', () => {
    expect(formatTarget('ARAP', '2.4')).toBe('ARAP:2.4');
    expect(parseTarget(formatTarget('ARAP', '2.4'))).toEqual({ planCode: 'ARAP', ref: '2.4' });
    expect(parseTarget('2.4')).toBeNull();
    expect(parseTarget('A:1')).toBeNull();
    expect(parseTarget('ARAP:2.4:5')).toBeNull();
    expect(parseTarget('ARAP:2 4')).toBeNull();
  });
});

describe('feedback ids and receipts', () => {
  it('reads a feedback id in any case', () => {
    expect(parseFeedbackId('f7k3qx')).toBe('F7K3QX');
    expect(parseFeedbackId('F7K3Q')).toBeNull();
    expect(parseFeedbackId('X7K3QX')).toBeNull();
  });

  it('reads a receipt however it is typed', () => {
    const shown = formatReceipt('ABCDEFGHJKMNPQRSTVWX');
    expect(shown).toBe('ABCDE-FGHJK-MNPQR-STVWX');
    expect(normaliseReceipt('abcde fghjk-mnpqr stvwx')).toBe('ABCDEFGHJKMNPQRSTVWX');
    expect(parseReceiptCode(shown.toLowerCase())).toBe('ABCDEFGHJKMNPQRSTVWX');
    expect(parseReceiptCode('ABCDE-FGHJK')).toBeNull();
  });

  it('hands out codes people can read back', () => {
    expect(CODE_ALPHABET).not.toMatch(/[01ILOU]/);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
    expect(RECEIPT_LENGTH).toBe(20);
  });
});
