import { describe, expect, it } from 'vitest';
import {
  findBrokenCharacter,
  findControlCharacter,
  neutraliseBidi,
  stripControlCharacters,
} from '../../src/domain/text-hygiene.ts';

describe('text hygiene', () => {
  it('finds the first control character, but not tab, line feed or carriage return', () => {
    expect(findControlCharacter('a\u0000b\u0007')).toBe('U+0000');
    expect(findControlCharacter('x\u007F')).toBe('U+007F');
    expect(findControlCharacter('tab\tline\r\nend')).toBeNull();
  });

  it('finds the first control character or half a surrogate pair, with where it is; never a whole pair', () => {
    expect(findBrokenCharacter('cut \uD83D')).toEqual({ index: 4, code: 'U+D83D', kind: 'half-pair' });
    expect(findBrokenCharacter('\uDE00 alone\u0000')).toEqual({
      index: 0,
      code: 'U+DE00',
      kind: 'half-pair',
    });
    expect(findBrokenCharacter('😀 a\u001Bb')).toEqual({ index: 4, code: 'U+001B', kind: 'control' });
    expect(findBrokenCharacter('😀 👩🏽‍💻 🇬🇧 𝟙 tab\tline\r\n')).toBeNull();
  });

  it('removes every bidi embedding, override and isolate (U+202A–U+202E, U+2066–U+2069)', () => {
    const all = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069';
    expect(neutraliseBidi(`a${all}b`)).toBe('ab');
    // Marks (LRM, RLM, ALM) carry no embedding: they stay, as do right-to-left letters.
    expect(neutraliseBidi('\u200Eשלום\u200F')).toBe('\u200Eשלום\u200F');
  });

  it('strips control characters and half pairs from names a platform hands over', () => {
    expect(stripControlCharacters('Eve\u0000 \u001B[31mevil\uD83D 😀')).toBe('Eve [31mevil 😀');
  });
});
