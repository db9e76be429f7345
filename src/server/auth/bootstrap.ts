import type { Database } from '../db/types';
import { generatePassword, hashPassword, passwordProblem } from './passwords';
import { insertUser } from './users';

export interface AdminBootstrap {
  created: boolean;
  /** Set only when the password was generated: shown once, never stored in clear. */
  generatedPassword?: string;
}

/**
 * First start with no users: creates `admin` with DANGAN_ADMIN_PASSWORD, or a generated
 * password to be printed once. Instances starting together create it once (advisory lock).
 */
export async function ensureAdmin(
  db: Database,
  options: { adminPassword?: string; scryptCost: number },
): Promise<AdminBootstrap> {
  const any = await db.query('SELECT 1 FROM users LIMIT 1');
  if (any.length > 0) return { created: false };
  if (options.adminPassword) {
    const problem = passwordProblem(options.adminPassword);
    if (problem) throw new Error(`DANGAN_ADMIN_PASSWORD: ${problem}`);
  }
  const password = options.adminPassword ?? generatePassword();
  const hash = await hashPassword(password, options.scryptCost);
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':dangan:admin'))`);
    const again = await tx.query('SELECT 1 FROM users LIMIT 1');
    if (again.length > 0) return { created: false };
    await insertUser(
      tx,
      { username: 'admin', role: 'admin', teamId: '', displayName: 'Administrator' },
      hash,
    );
    return options.adminPassword
      ? { created: true }
      : { created: true, generatedPassword: password };
  });
}
