import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Access tokens: `ck_<selector>_<secret>`. The server stores `<selector>:<SHA-256 of the secret>`,
 * never the token; it finds the user by the selector and compares the secret's hash in constant
 * time. Shown once, when the user is added.
 */
export function newToken(): { token: string; stored: string } {
  const selector = randomBytes(9).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { token: `ck_${selector}_${secret}`, stored: `${selector}:${digest(secret)}` };
}

function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The selector of a well-formed token, or null. */
export function tokenSelector(token: string): string | null {
  const match = /^ck_([0-9a-f]{18})_([A-Za-z0-9_-]{43})$/.exec(token);
  return match ? match[1]! : null;
}

/** Whether `token` is the one whose stored form is `stored`, in constant time. */
export function tokenMatches(token: string, stored: string): boolean {
  const match = /^ck_([0-9a-f]{18})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return false;
  const expected = Buffer.from(stored);
  const given = Buffer.from(`${match[1]!}:${digest(match[2]!)}`);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
