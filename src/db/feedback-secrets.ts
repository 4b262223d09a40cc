import { createHmac, randomInt, scrypt } from 'node:crypto';
import { CODE_ALPHABET, formatReceipt, normaliseReceipt, RECEIPT_LENGTH } from '../domain/codes.ts';

// A receipt is 20 characters of 30: about 98 bits, far beyond guessing even with the hashes in hand.
// scrypt cost: about 50 ms per receipt check, which is nothing for a person and a lot for a guesser.
const SCRYPT = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/** Receipt codes and member-list keys: random codes, keyed slow hashes, no identities kept. */
export type FeedbackSecrets = {
  newReceipt(): string;
  hashReceipt(receipt: string): Promise<string>;
  hashMember(platform: string, externalId: string): string;
  newCode(): string;
};

/**
 * Secrets keyed with `secret` (ACTIONBOT_FEEDBACK_SECRET or the secret file beside the embedded
 * database, see feedback-secret-file.ts), which is never stored in the database. There is no default:
 * a key everyone knows would let anyone holding a database copy test user ids against member lists.
 */
export function createFeedbackSecrets(secret: string): FeedbackSecrets {
  if (secret.length < 16) throw new Error('a feedback secret has at least 16 characters');
  const random = (length: number) =>
    Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return {
    newReceipt() {
      return formatReceipt(random(RECEIPT_LENGTH));
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

/**
 * The keys, or a clear failure: reached only if another replica, one with the secret, set up a network
 * after this one started without it (start-up refuses a database with networks and no secret).
 */
export function requireSecrets(secrets: FeedbackSecrets | null): FeedbackSecrets {
  if (!secrets)
    throw new Error('ACTIONBOT_FEEDBACK_SECRET is not set: feedback hashes cannot be made or checked');
  return secrets;
}
