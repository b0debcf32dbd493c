import { v5 as uuidv5, v7 as uuidv7, validate } from 'uuid';

// Random bytes are drawn in blocks: one getRandomValues call per id costs more than the rest of a
// row insert.
const pool = new Uint8Array(16 * 256);
let poolOffset = pool.length;

function randomBytes16(): Uint8Array {
  if (poolOffset === pool.length) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  poolOffset += 16;
  return pool.subarray(poolOffset - 16, poolOffset);
}

/** Every row gets a UUIDv7: unique without coordination and roughly in creation order. */
export function newId(): string {
  return uuidv7({ random: randomBytes16() });
}

/**
 * A UUIDv7 for a moment in the past (imports, demo data), drawing its random bits from `random`
 * so that the same seed gives the same ids.
 */
export function idAt(msecs: number, random: () => number): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(random() * 256);
  return uuidv7({ msecs, random: bytes });
}

const NAMESPACE = '6f1b8f2e-3a41-4c55-9a57-5b7b1e6c0d42';

/**
 * A fixed id for rows that every device creates on its own (the default stages, team settings, a
 * user known by email), so that two devices that started apart and then join one workspace do not
 * end up with two copies of each.
 */
export function derivedId(kind: string, key: string): string {
  return uuidv5(`${kind}:${key.trim().toLowerCase()}`, NAMESPACE);
}

export function isId(value: unknown): value is string {
  return typeof value === 'string' && validate(value);
}

/** A device id: 16 random hex digits, the last part of every clock timestamp it issues. */
export function newDeviceId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
