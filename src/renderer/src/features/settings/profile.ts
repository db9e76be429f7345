import { z } from 'zod';
import type { DanganDatabase } from '../../db/database';
import { savePreference, usePreference } from '../../db/preferences';
import { useSession } from '../../session/session';

/** Message values are i18n keys, shown by the form in the UI's language. */
export const profileSchema = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, 'profile.displayNameRequired')
    .max(50, 'profile.displayNameTooLong'),
});
export type Profile = z.infer<typeof profileSchema>;

const KEY = 'profile';

export function saveProfile(db: DanganDatabase, userId: string, profile: Profile): Promise<void> {
  return savePreference(db, userId, KEY, profileSchema.parse(profile));
}

export function useProfile(): Profile | null | undefined {
  const user = useSession();
  return usePreference<Profile>(user.id, KEY);
}
