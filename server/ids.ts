// Random identifiers. Entity ids and site keys are unguessable: 128 bits from the OS CSPRNG.
import { randomBytes } from 'node:crypto';

export function newId(): string {
  return randomBytes(16).toString('base64url');
}

/** The public key in a site's snippet URL. */
export function newSiteKey(): string {
  return 'pt' + randomBytes(16).toString('hex');
}

export function nowIso(): string {
  return new Date().toISOString();
}
