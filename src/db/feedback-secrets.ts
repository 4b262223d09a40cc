import { createHmac, randomInt, scrypt } from 'node:crypto';
import { normaliseReceipt } from '../domain/feedback.ts';

// No 0/O, 1/I/L or U: codes are read off a screen and typed back.
const ALPHABET = 'ABCDEFGHJKMNPQRSTVWXYZ23456789';
/** 20 characters of 30: about 98 bits, far beyond guessing even with the hashes in hand. */
const RECEIPT_LENGTH = 20;
// scrypt cost: about 50 ms per receipt check, which is nothing for a person and a lot for a guesser.
const SCRYPT = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
/** Used when ACTIONBOT_FEEDBACK_SECRET is unset; receipts stay safe (their entropy), member hashes less so. */
const DEFAULT_SECRET = 'actionbot-feedback-default-secret';

/** Receipt codes and member-list keys: random codes, keyed slow hashes, no identities kept. */
export type FeedbackSecrets = {
  newReceipt(): string;
  hashReceipt(receipt: string): Promise<string>;
  hashMember(platform: string, externalId: string): string;
  newCode(): string;
};

/** Secrets keyed with `secret` (ACTIONBOT_FEEDBACK_SECRET), which is never stored in the database. */
export function createFeedbackSecrets(secret: string = DEFAULT_SECRET): FeedbackSecrets {
  const random = (length: number) =>
    Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return {
    newReceipt() {
      return (random(RECEIPT_LENGTH).match(/.{5}/g) ?? []).join('-');
    },
    hashReceipt(receipt) {
      return new Promise((resolve, reject) =>
        scrypt(normaliseReceipt(receipt), `actionbot-receipt:${secret}`, 32, SCRYPT, (error, key) =>
          error ? reject(error) : resolve(key.toString('base64url')),
        ),
      );
    },
    hashMember(platform, externalId) {
      return createHmac('sha256', `actionbot-member:${secret}`)
        .update(`${platform}:${externalId}`)
        .digest('base64url');
    },
    newCode() {
      return `F${random(5)}`;
    },
  };
}
