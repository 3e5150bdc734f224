// Small building blocks shared by every entity schema: ids, names, roles, timestamps.
import { z } from 'zod';

export const Id = z.string().min(1, 'Missing id').max(64, 'Id too long');
export const Timestamp = z.string().datetime({ offset: true });
export const Name = z.string().trim().min(1, 'Enter a name').max(120, 'Keep the name under 120 characters');

export const ROLES = ['owner', 'admin', 'publisher', 'editor', 'viewer'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Higher rank can do everything a lower rank can. */
export const ROLE_RANK: Record<Role, number> = { viewer: 0, editor: 1, publisher: 2, admin: 3, owner: 4 };
export function roleAtLeast(role: Role, needed: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[needed];
}

export const Email = z.string().trim().toLowerCase().email('Enter a valid email address').max(254);
export const Password = z
  .string()
  .min(10, 'Use at least 10 characters')
  .max(200, 'Keep the password under 200 characters');

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
export const TimeZone = z.string().refine(isValidTimeZone, 'Choose a time zone from the list (for example Europe/Berlin)');
