// Why a tag does not fire on a simulated visit, in plain words naming the value the visit gave:
// "The page path does not start with /checkout (it is /cart)".
import type { Rule } from '../schema/rules';
import type { Trigger } from '../schema/targeting';
import { describeRule, describeValue, quote, wallTimeWords, weekdayPhrase } from './describe';
import { wallTimeAt, type ScheduleProblem } from './status';
import { WEEKDAY_NAMES } from './words';

/** The rule that decided a failing condition tree, with the value the visit gave it. */
export interface Explanation {
  rule: Rule;
  actual: string | number | undefined;
  /** True when the rule held but sits in a "none" group, so holding is what excluded the visit. */
  matched: boolean;
}

export type Reason =
  | { kind: 'paused' }
  | { kind: 'privacy'; signal: 'dnt' | 'gpc' | 'optOut' }
  | { kind: 'schedule'; problem: ScheduleProblem }
  | ({ kind: 'rule' } & Explanation)
  | { kind: 'conditions' }
  | { kind: 'missingAudience' }
  | { kind: 'consent'; category: string; given: 'granted' | 'denied' | undefined }
  | { kind: 'trigger'; trigger: Trigger }
  | { kind: 'pageLimit'; limit: number };

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function scheduleText(problem: ScheduleProblem, at: number, timeZone: string): string {
  const when = `${wallTimeWords(wallTimeAt(at, timeZone), true)} ${timeZone}`;
  switch (problem.kind) {
    case 'beforeStart':
      return `Its campaign starts ${wallTimeWords(problem.start, true)} ${timeZone}; this visit is at ${when}`;
    case 'afterEnd':
      return `Its campaign ended ${wallTimeWords(problem.end, true)} ${timeZone}; this visit is at ${when}`;
    case 'weekday':
      return `It fires only ${weekdayPhrase(problem.weekdays)}; this visit is on a ${WEEKDAY_NAMES[problem.weekday]} (${timeZone})`;
    case 'hours':
      return `It fires only between ${String(problem.from).padStart(2, '0')}:00 and ${problem.to === 24 ? 'midnight' : `${String(problem.to).padStart(2, '0')}:00`}; this visit is at ${when}`;
  }
}

function triggerText(trigger: Trigger): string {
  switch (trigger.type) {
    case 'click':
      return `Waits for a click on ${quote(trigger.selector)}`;
    case 'submit':
      return `Waits for a form matching ${quote(trigger.selector)} to be submitted`;
    case 'event':
      return `Waits for the event ${quote(trigger.name)}, which this visit does not push`;
    case 'history':
      return 'Waits for a page change inside the single-page app';
    case 'timer':
      return `Waits until the visitor has spent ${trigger.seconds} seconds on the page`;
    case 'scroll':
      return `Waits until the visitor scrolls ${trigger.percent}% down the page`;
    case 'visible':
      return `Waits for ${quote(trigger.selector)} to come into view`;
    default:
      return 'Fires as the page loads';
  }
}

/** A reason in plain words, naming the value the visit gave where there is one. */
export function reasonText(reason: Reason, at: number, timeZone: string): string {
  switch (reason.kind) {
    case 'paused':
      return 'Paused: it does not fire until it is made active and published';
    case 'privacy':
      return reason.signal === 'optOut'
        ? 'The visitor opted out, so nothing fires'
        : reason.signal === 'dnt'
          ? 'The visitor’s browser sends Do Not Track, which this site respects, so nothing fires'
          : 'The visitor’s browser sends Global Privacy Control, which this site respects, so nothing fires';
    case 'schedule':
      return scheduleText(reason.problem, at, timeZone);
    case 'rule':
      return reason.matched
        ? `Left out because ${describeRule(reason.rule)} (it is ${describeValue(reason.rule, reason.actual)})`
        : `${capital(describeRule(reason.rule, true))} (it is ${describeValue(reason.rule, reason.actual)})`;
    case 'conditions':
      return 'Its conditions do not hold for this visit';
    case 'missingAudience':
      return 'It requires an audience that no longer exists, so no visitor is in it';
    case 'consent':
      return reason.given === 'denied'
        ? `The visitor denied consent for ${reason.category}`
        : `Waits for consent for ${reason.category}, which the visitor has not given`;
    case 'trigger':
      return `${triggerText(reason.trigger)}; its conditions hold for this visit`;
    case 'pageLimit':
      return `The site fires at most ${reason.limit} ${reason.limit === 1 ? 'pixel' : 'pixels'} per page view, and tags with a higher priority used them`;
  }
}
