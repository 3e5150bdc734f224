// The one plain-English describer: turns a tag (trigger, conditions, cap, schedule, kind) into the
// sentence the console shows beside it ("Fires on pages whose path starts with /checkout, for
// mobile visitors from google / cpc, at most once per visitor per day"). Pure; no DOM.
import type { TagAction } from '../schema/actions';
import type { Condition, ConditionGroup, Rule } from '../schema/rules';
import { parseRange } from '../schema/vocabulary';
import type { Cap, Schedule, Trigger } from '../schema/targeting';
import { splitList } from './compact';
import { WALL_TIME } from './zone';
import { VARIABLE_WORDS, WEEKDAY_NAMES, valueLabel } from './words';

const MAX_VALUE = 60;

/** A value as it reads in a sentence: quoted when it has spaces or commas, shortened when long, … while missing. */
export function quote(value: string): string {
  const short = value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE - 1)}…` : value;
  if (short === '') return '…';
  return /[\s,]/.test(short) ? `“${short}”` : short;
}

export function joinWords(items: string[], last: 'and' | 'or' | 'nor'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/** A rule's value in words: enumerated values by their label, numbers with their unit. */
function shown(rule: Rule, value: string): string {
  const unit = VARIABLE_WORDS[rule.variable].unit;
  const label = valueLabel(rule.variable, value.trim());
  // Labels of enumerated values are ours, so they need no quotes ("Samsung Internet").
  const text = label !== value.trim() ? label : quote(label);
  return unit && value.trim() !== '' && Number.isFinite(Number(value)) ? `${text} ${unit}` : text;
}

function range(rule: Rule): string {
  const bounds = parseRange(rule.value);
  return bounds ? `${shown(rule, String(bounds[0]))} and ${shown(rule, String(bounds[1]))}` : quote(rule.value);
}

function list(rule: Rule): string[] {
  return splitList(rule.value).map((item) => shown(rule, item));
}

/** The predicate of a rule: "starts with /checkout", "is one of a, b or c", "is set". */
export function predicate(rule: Rule): string {
  const v = rule.value;
  switch (rule.operator) {
    case 'equals':
      return `is ${shown(rule, v)}`;
    case 'notEquals':
      return `is not ${shown(rule, v)}`;
    case 'contains':
      return `contains ${quote(v)}`;
    case 'notContains':
      return `does not contain ${quote(v)}`;
    case 'startsWith':
      return `starts with ${quote(v)}`;
    case 'endsWith':
      return `ends with ${quote(v)}`;
    case 'wildcard':
      return `matches ${quote(v)}`;
    case 'regex':
      return `matches the pattern ${quote(v)}`;
    case 'inList': {
      const items = list(rule);
      if (items.length === 0) return 'is one of …';
      return items.length === 1 ? `is ${items[0]}` : `is one of ${joinWords(items, 'or')}`;
    }
    case 'lessThan':
      return `is less than ${shown(rule, v)}`;
    case 'greaterThan':
      return `is greater than ${shown(rule, v)}`;
    case 'between':
      return `is between ${range(rule)}`;
    case 'exists':
      return 'is set';
    case 'notExists':
      return 'is not set';
  }
}

/** The opposite predicate, for saying why a rule failed: "does not start with /checkout". */
export function negatedPredicate(rule: Rule): string {
  const v = rule.value;
  switch (rule.operator) {
    case 'equals':
      return `is not ${shown(rule, v)}`;
    case 'notEquals':
      return `is ${shown(rule, v)}`;
    case 'contains':
      return `does not contain ${quote(v)}`;
    case 'notContains':
      return `contains ${quote(v)}`;
    case 'startsWith':
      return `does not start with ${quote(v)}`;
    case 'endsWith':
      return `does not end with ${quote(v)}`;
    case 'wildcard':
      return `does not match ${quote(v)}`;
    case 'regex':
      return `does not match the pattern ${quote(v)}`;
    case 'inList': {
      const items = list(rule);
      return items.length === 1 ? `is not ${items[0]}` : `is neither ${joinWords(items, 'nor')}`;
    }
    case 'lessThan':
      return `is not less than ${shown(rule, v)}`;
    case 'greaterThan':
      return `is not greater than ${shown(rule, v)}`;
    case 'between':
      return `is not between ${range(rule)}`;
    case 'exists':
      return 'is not set';
    case 'notExists':
      return 'is set';
  }
}

const argOf = (rule: Rule) => quote(rule.arg ?? '');

/** A rule as a clause: "the page path starts with /checkout"; `negated` says the opposite. */
export function describeRule(rule: Rule, negated = false): string {
  return `${VARIABLE_WORDS[rule.variable].subject(argOf(rule))} ${negated ? negatedPredicate(rule) : predicate(rule)}`;
}

/** A value read from a visit, as a person reads it: "/cart", "not set". */
export function describeValue(rule: Rule, actual: string | number | undefined): string {
  if (actual === undefined || actual === '') return 'not set';
  return shown(rule, String(actual));
}

/** Empty groups hold for every visit, so they say nothing and are left out. */
function meaningful(conditions: Condition[]): Condition[] {
  return conditions.filter((c) => c.type === 'rule' || meaningful(c.conditions).length > 0);
}

/** A condition after "where": "the page path starts with /checkout", "(a or b)". */
function clause(condition: Condition): string {
  if (condition.type === 'rule') return describeRule(condition);
  const parts = meaningful(condition.conditions).map(clause);
  if (parts.length === 1 && condition.type !== 'none') return parts[0]!;
  if (condition.type === 'none') return parts.length === 1 ? `not ${parts[0]}` : `neither ${parts.join(' nor ')}`;
  return `(${joinWords(parts, condition.type === 'all' ? 'and' : 'or')})`;
}

const whose = (rule: Rule) => `whose ${VARIABLE_WORDS[rule.variable].whose(argOf(rule))} ${predicate(rule)}`;
const isRule = (c: Condition): c is Rule => c.type === 'rule';
const positive = (rule: Rule) => rule.operator === 'equals' || (rule.operator === 'inList' && splitList(rule.value).length > 0);

/** "mobile or tablet", "new": a rule that reads as an adjective before "visitors". */
function adjective(rule: Rule): string | null {
  if ((rule.variable !== 'device.type' && rule.variable !== 'visitor.type') || !positive(rule)) return null;
  const words = rule.operator === 'equals' ? [rule.value.trim()] : splitList(rule.value);
  return joinWords(words.map((w) => quote(w.toLowerCase())), 'or');
}

/** "for new mobile visitors from google / cpc whose browser is Chrome". */
function audience(rules: Rule[]): string {
  const rest = [...rules];
  const take = (test: (r: Rule) => boolean) => {
    const at = rest.findIndex(test);
    return at < 0 ? null : rest.splice(at, 1)[0]!;
  };
  const adjectives: string[] = [];
  for (const variable of ['visitor.type', 'device.type'] as const) {
    const rule = take((r) => r.variable === variable && adjective(r) !== null);
    if (rule) adjectives.push(adjective(rule)!);
  }
  const source = take((r) => r.variable === 'utm.source' && r.operator === 'equals');
  const medium = source && take((r) => r.variable === 'utm.medium' && r.operator === 'equals');
  const from = source ? ` from ${quote(source.value.trim())}${medium ? ` / ${quote(medium.value.trim())}` : ''}` : '';
  const tail = rest.length ? ` ${joinWords(rest.map(whose), 'and')}` : '';
  return `for ${[...adjectives, 'visitors'].join(' ')}${from}${tail}`;
}

/** Where and for whom, after the trigger: ["on pages whose path starts with /checkout", "for mobile visitors", "when …"]. */
function conditionPhrases(group: ConditionGroup): { pages: string | null; rest: string[] } {
  const conditions = meaningful(group.conditions);
  if (conditions.length === 0) return { pages: null, rest: [] };
  const scopeOf = (c: Condition) => (isRule(c) ? VARIABLE_WORDS[c.variable].scope : 'group');
  if (conditions.every((c) => scopeOf(c) === 'page')) {
    const text = joinWords((conditions as Rule[]).map(whose), group.type === 'all' ? 'and' : 'or');
    return { pages: group.type === 'none' ? `every page except those ${text}` : `pages ${text}`, rest: [] };
  }
  if (group.type !== 'all') {
    const text = joinWords(conditions.map(clause), 'or');
    return { pages: group.type === 'none' ? `every page except where ${text}` : `pages where ${text}`, rest: [] };
  }
  const pageRules = conditions.filter((c): c is Rule => scopeOf(c) === 'page');
  const visitorRules = conditions.filter((c): c is Rule => scopeOf(c) === 'visitor');
  const other = conditions.filter((c) => scopeOf(c) === 'context' || scopeOf(c) === 'group');
  const rest: string[] = [];
  if (visitorRules.length) rest.push(audience(visitorRules));
  if (other.length) rest.push(`when ${joinWords(other.map(clause), 'and')}`);
  return { pages: pageRules.length ? `pages ${joinWords(pageRules.map(whose), 'and')}` : null, rest };
}

/** The sentence for a page-view tag's conditions alone, starting with "Fires on". */
export function describeConditions(group: ConditionGroup): string {
  return describeTrigger({ type: 'pageview' }, group);
}

/** How the trigger reads at the start of the sentence, without the pages. */
export function triggerPhrase(trigger: Trigger): string {
  switch (trigger.type) {
    case 'pageview':
      return 'Fires on every page view';
    case 'domReady':
      return 'Fires when the page content is ready';
    case 'load':
      return 'Fires when the page has fully loaded';
    case 'click':
      return `Fires on a click on ${quote(trigger.selector)}`;
    case 'submit':
      return `Fires when a form matching ${quote(trigger.selector)} is submitted`;
    case 'event':
      return `Fires on the event ${quote(trigger.name)}`;
    case 'history':
      return 'Fires on each page change inside a single-page app';
    case 'timer':
      return `Fires after ${trigger.seconds} ${trigger.seconds === 1 ? 'second' : 'seconds'} on a page`;
    case 'scroll':
      return `Fires when a visitor scrolls ${trigger.percent}% down a page`;
    case 'visible':
      return `Fires when ${quote(trigger.selector)} comes into view`;
  }
}

/** Trigger and conditions: "Fires on a click on #buy, on pages whose path starts with /product, for mobile visitors". */
function describeTrigger(trigger: Trigger, group: ConditionGroup): string {
  const { pages, rest } = conditionPhrases(group);
  const head = trigger.type === 'pageview' ? `Fires on ${pages ?? 'every page'}` : pages ? `${triggerPhrase(trigger)}, on ${pages}` : triggerPhrase(trigger);
  return [head, ...rest].join(', ');
}

const TIMES: Record<number, string> = { 1: 'once', 2: 'twice' };

/** "at most once per visitor per day"; empty for unlimited. */
export function describeCap(cap: Cap): string {
  switch (cap.type) {
    case 'unlimited':
      return '';
    case 'page':
      return 'at most once per page view';
    case 'session':
      return 'at most once per session';
    case 'visitor':
      return 'at most once per visitor';
    case 'window': {
      const unit = cap.unit === 'hours' ? 'hour' : 'day';
      const period = cap.every === 1 ? `per ${unit}` : `every ${cap.every} ${unit}s`;
      return `at most ${TIMES[cap.count] ?? `${cap.count} times`} per visitor ${period}`;
    }
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A wall-clock time ("2026-12-01T09:00") as "1 Dec 09:00", or "1 Dec 2026 09:00" with the year. */
export function wallTimeWords(wall: string, withYear: boolean): string {
  const m = WALL_TIME.exec(wall);
  if (!m) return wall;
  const date = `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]}${withYear ? ` ${m[1]}` : ''}`;
  return `${date} ${m[4]}:${m[5]}`;
}

const hourWords = (hour: number) => (hour === 24 ? 'midnight' : `${String(hour).padStart(2, '0')}:00`);

/** "on weekdays", "at weekends", "on Mondays and Fridays"; empty for every day. */
export function weekdayPhrase(weekdays: readonly number[]): string {
  const days = [...new Set(weekdays)].sort((a, b) => a - b);
  if (days.length === 0 || days.length === 7) return '';
  if (days.join() === '1,2,3,4,5') return 'on weekdays';
  if (days.join() === '0,6') return 'at weekends';
  return `on ${joinWords(
    days.map((d) => `${WEEKDAY_NAMES[d]}s`),
    'and',
  )}`;
}

/**
 * "from 1 Dec 09:00 to 24 Dec 23:59 Europe/Berlin", with day-parting after the dates; empty when
 * the tag may fire at any time. The year is shown when the dates span years, or when `now` is
 * given and a date is not in the current year.
 */
export function describeSchedule(schedule: Schedule, timeZone: string, now?: number): string {
  const { start, end, hours } = schedule;
  const years = [start, end].filter((w): w is string => w !== null).map((w) => w.slice(0, 4));
  const thisYear = now === undefined ? undefined : String(new Date(now).getUTCFullYear());
  const withYear = new Set(years).size > 1 || (thisYear !== undefined && years.some((y) => y !== thisYear));
  const parts: string[] = [];
  if (start && end) parts.push(`from ${wallTimeWords(start, withYear)} to ${wallTimeWords(end, withYear)}`);
  else if (start) parts.push(`from ${wallTimeWords(start, withYear)}`);
  else if (end) parts.push(`until ${wallTimeWords(end, withYear)}`);
  const days = weekdayPhrase(schedule.weekdays);
  const daypart = [days, hours ? `between ${hourWords(hours.from)} and ${hourWords(hours.to)}` : ''].filter(Boolean).join(' ');
  if (daypart) parts.push(daypart);
  if (parts.length === 0) return '';
  return `${parts.join(', ')}${start || end || hours ? ` ${timeZone}` : ` (${timeZone} time)`}`;
}

/** The host of an address, for sentences and lists ("pixel.example.com"); the text itself when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url.replace(/\{\{[^}]*\}\}/g, 'x')).host;
  } catch {
    return url;
  }
}

const worth = (value: string, currency: string) => (value.trim() ? ` worth ${quote(value.trim())}${currency ? ` ${currency}` : ''}` : '');

/** What the tag does when it fires: "Loads an image pixel from pixel.example.com". */
export function describeAction(action: TagAction): string {
  switch (action.kind) {
    case 'image':
      return action.url.trim() ? `Loads an image pixel from ${hostOf(action.url.trim())}` : 'Loads an image pixel: add its address';
    case 'script':
      return action.src.trim() ? `Loads a script from ${hostOf(action.src.trim())}` : 'Loads a script: add its address';
    case 'html':
      return 'Adds custom HTML to the page, which can run any code';
    case 'meta':
      return `Sends the Meta Pixel event ${action.event} to pixel ${quote(action.pixelId)}${worth(action.value, action.currency)}`;
    case 'googleAds':
      return `Reports a Google Ads conversion to ${quote(action.conversionId)} (label ${quote(action.label)})${worth(action.value, action.currency)}`;
    case 'tiktok':
      return `Sends the TikTok Pixel event ${action.event} to pixel ${quote(action.pixelId)}`;
    case 'linkedin':
      return `Sends LinkedIn Insight page views to partner ${quote(action.partnerId)}${action.conversionId.trim() ? ` and conversion ${quote(action.conversionId.trim())}` : ''}`;
  }
}

export interface DescribedTag {
  trigger: Trigger;
  conditions: ConditionGroup;
  cap: Cap;
  schedule: Schedule;
}

/**
 * The sentence for a tag: trigger, pages, audience, cap and schedule in the site's zone, without
 * a final full stop. `now` only decides whether dates show their year.
 */
export function describeTag(tag: DescribedTag, site: { timeZone: string }, now?: number): string {
  return [describeTrigger(tag.trigger, tag.conditions), describeCap(tag.cap), describeSchedule(tag.schedule, site.timeZone, now)].filter(Boolean).join(', ');
}
