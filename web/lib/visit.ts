// Turns the "test a visit" form's draft into the simulator's Visit, or says in plain words which
// field needs a change.
import type { Visit } from '../../shared/rules/simulate';
import { wallTimeToInstant } from '../../shared/rules/zone';
import type { VisitDraft } from '../state/simulator';

export type VisitErrors = Partial<Record<keyof VisitDraft, string>>;

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function wholeNumber(value: number | string, min: number, max: number): number | null {
  const n = typeof value === 'number' ? value : value.trim() === '' ? NaN : Number(value);
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

export function toVisit(draft: VisitDraft, timeZone: string, now: number): { visit: Visit; errors: null } | { visit: null; errors: VisitErrors } {
  const errors: VisitErrors = {};
  if (!isWebAddress(draft.url.trim())) errors.url = 'Enter the full page address, starting with https://';
  if (draft.referrer.trim() && !isWebAddress(draft.referrer.trim())) errors.referrer = 'Enter a full address starting with https://, or leave it empty';
  let dataLayer: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(draft.dataLayer.trim() || '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    dataLayer = parsed as Record<string, unknown>;
  } catch {
    errors.dataLayer = 'Enter a JSON object, like {"cart": {"total": 42}}';
  }
  const cookies: Record<string, string> = {};
  for (const line of draft.cookies.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const eq = line.indexOf('=');
    if (eq <= 0) errors.cookies = 'Write each cookie as name=value, one per line';
    else cookies[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  const screenWidth = wholeNumber(draft.screenWidth, 1, 10_000);
  if (screenWidth === null) errors.screenWidth = 'Enter a width in pixels';
  const sessions = draft.returning ? wholeNumber(draft.sessions, 2, 100_000) : 1;
  if (sessions === null) errors.sessions = 'A returning visitor has had at least 2 sessions';
  const pageviews = wholeNumber(draft.pageviews, 1, 100_000);
  if (pageviews === null) errors.pageviews = 'At least 1: this page view counts';
  const seconds = wholeNumber(draft.seconds, 0, 10_000_000);
  if (seconds === null) errors.seconds = 'Enter a number of seconds';
  const sample = wholeNumber(draft.sample, 0, 99);
  if (sample === null) errors.sample = 'Enter a whole number from 0 to 99';
  if (Object.keys(errors).length) return { visit: null, errors };

  const consent: Visit['consent'] = {};
  for (const [category, choice] of Object.entries(draft.consent)) if (choice !== 'unset') consent[category] = choice;
  const visit: Visit = {
    url: draft.url.trim(),
    referrer: draft.referrer.trim(),
    title: draft.title,
    device: draft.device,
    browser: draft.browser,
    os: draft.os,
    language: draft.language.trim(),
    screenWidth: screenWidth!,
    sessions: sessions!,
    pageviews: pageviews!,
    seconds: seconds!,
    cookies,
    dataLayer,
    consent,
    country: draft.country.trim().toUpperCase(),
    event: draft.event.trim(),
    sample: sample!,
    at: draft.when ? wallTimeToInstant(draft.when, timeZone) : now,
    dnt: draft.dnt,
    gpc: draft.gpc,
    optedOut: draft.optedOut,
  };
  return { visit, errors: null };
}
