// Random identifiers. Entity ids and site keys are unguessable: 128 bits from the OS CSPRNG.
import { randomBytes } from 'node:crypto';

export function newId(): string {
  // Never a leading dash: ids are passed as command-line values (`--site <id>`), where one would read as an option.
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (id.charCodeAt(0) !== 45 /* - */) return id;
  }
}

/** The public key in a site's snippet URL. */
export function newSiteKey(): string {
  return 'pt' + randomBytes(16).toString('hex');
}

export function nowIso(): string {
  return new Date().toISOString();
}
