// Words only the console uses: roles, consent modes and reported events. The rule language's
// words (variables, operators, triggers, caps) live in shared/rules/words.ts beside the describer.
export const ROLE_WORDS = {
  owner: 'Owner',
  admin: 'Admin',
  publisher: 'Publisher',
  editor: 'Editor',
  viewer: 'Viewer',
} as const;

export const CONSENT_WORDS = {
  none: 'Fire without asking (no consent banner)',
  optIn: 'Wait until the visitor opts in',
  optOut: 'Fire until the visitor opts out',
} as const;

/** Event names the runtime reports, in words. */
export function eventWords(event: string): string {
  if (event === 'pageview') return 'Page view';
  const spaced = event.replace(/[_-]+/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').trim();
  return spaced ? spaced[0]!.toUpperCase() + spaced.slice(1) : 'Unnamed event';
}
