import { useStaff } from '../customers/hooks';

/**
 * How a user id reads on screen: the staff directory (reference data, synced), the signed-in
 * user by their profile name, anyone else by id.
 */
export function useUserName(): (id: string) => string {
  return useStaff().nameOf;
}

/** The same names as a plain map, for printed forms (main prints what it is given). */
export function useNameMap(): Record<string, string> {
  return Object.fromEntries(useStaff().names);
}
