import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * The offline sign-in verifier: scrypt of the password with a random salt. It lets a user
 * who signed in online before unlock this laptop without the server; the password itself is
 * never stored. The cost is remembered with each verifier so it can be raised later.
 */
export interface Verifier {
  salt: string;
  hash: string;
  N: number;
  r: number;
  p: number;
}

/** About 100 ms on a laptop: slow for guessing, quick for one unlock. */
export const DEFAULT_SCRYPT_N = 2 ** 15;

function derive(password: string, salt: Buffer, params: Pick<Verifier, 'N' | 'r' | 'p'>): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function makeVerifier(password: string, N = DEFAULT_SCRYPT_N): Promise<Verifier> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N, r: 8, p: 1 });
  return { salt: salt.toString('base64'), hash: key.toString('base64'), N, r: 8, p: 1 };
}

export async function checkVerifier(password: string, verifier: Verifier): Promise<boolean> {
  const expected = Buffer.from(verifier.hash, 'base64');
  const key = await derive(password, Buffer.from(verifier.salt, 'base64'), verifier);
  return key.length === expected.length && timingSafeEqual(key, expected);
}
