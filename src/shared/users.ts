export const ROLES = ['admin', 'manager', 'clerk', 'rep', 'service'] as const;
export type Role = (typeof ROLES)[number];

/** Who is using this laptop right now. */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string;
}

/**
 * Until a user signs in to a sync server, the app runs with one local profile. It may do
 * everything on its own laptop; its records are stamped with this id.
 */
export const LOCAL_PROFILE: SessionUser = {
  id: 'local',
  username: 'local',
  displayName: '本机用户',
  role: 'manager',
  teamId: 'local',
};
