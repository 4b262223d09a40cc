import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  randomInt,
  scrypt,
} from 'node:crypto';
import { CODE_ALPHABET, formatReceipt, normaliseReceipt, RECEIPT_LENGTH } from '../domain/codes.ts';

// A receipt is 20 characters of 30: about 98 bits, far beyond guessing even with the hashes in hand.
// scrypt cost: about 50 ms per receipt check, which is nothing for a person and a lot for a guesser.
const SCRYPT = { N: 2 ** 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

/** Receipt codes and member-list keys: random codes, keyed slow hashes, no identities kept. */
export type FeedbackSecrets = {
  newReceipt(): string;
  hashReceipt(receipt: string): Promise<string>;
  hashMember(platform: string, externalId: string): string;
  /** Who answered a check-back on an action, as a keyed hash (refuses a second answer; names nobody). */
  hashAnswerer(platform: string, externalId: string, actionId: string): string;
  newCode(): string;
  /**
   * Encrypts `plain` (AES-256-GCM, a fresh random nonce each time, `context` bound as associated data)
   * with a key derived from the secret: what a database copy holds of pending feedback.
   */
  seal(context: string, plain: Buffer): Buffer;
  /** The plaintext `seal` was given for this context; throws when the data or context do not match. */
  open(context: string, sealed: Buffer): Buffer;
};

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Secrets keyed with `secret` (ACTIONBOT_FEEDBACK_SECRET or the secret file beside the embedded
 * database, see feedback-secret-file.ts), which is never stored in the database. There is no default:
 * a key everyone knows would let anyone holding a database copy test user ids against member lists.
 */
export function createFeedbackSecrets(secret: string): FeedbackSecrets {
  if (secret.length < 16) throw new Error('a feedback secret has at least 16 characters');
  const random = (length: number) =>
    Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const sealKey = Buffer.from(hkdfSync('sha256', secret, 'actionbot', 'actionbot-sealed-feedback', 32));
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
    hashAnswerer(platform, externalId, actionId) {
      return createHmac('sha256', `actionbot-checkback:${secret}`)
        .update(`${platform}:${externalId}:${actionId}`)
        .digest('base64url');
    },
    newCode() {
      return `F${random(5)}`;
    },
    seal(context, plain) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', sealKey, nonce);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([nonce, cipher.getAuthTag(), body]);
    },
    open(context, sealed) {
      const decipher = createDecipheriv('aes-256-gcm', sealKey, sealed.subarray(0, NONCE_BYTES));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(sealed.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]);
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
