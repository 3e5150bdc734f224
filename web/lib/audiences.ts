// Audiences in the console's words: which ones a site may use, the sentence for an audience's rules,
// and the line naming the audiences a tag requires.
import { describeConditions, joinWords } from '../../shared/rules/describe';
import type { Audience, ConditionGroup } from '../../shared/schema';

/** Org-wide audiences and those of the site's client: the ones the server accepts on its tags. */
export function usableAudiences<A extends Pick<Audience, 'clientId'>>(audiences: A[], clientId: string): A[] {
  return audiences.filter((a) => a.clientId === null || a.clientId === clientId);
}

const TAG_LEAD = 'Fires on ';

/**
 * Who an audience takes in: the shared describer's sentence without the tag's "Fires on"
 * ("Visits to every page, for mobile visitors from google / cpc"), since an audience fires nothing.
 */
export function audienceSentence(conditions: ConditionGroup): string {
  const sentence = describeConditions(conditions);
  return sentence.startsWith(TAG_LEAD) ? `Visits to ${sentence.slice(TAG_LEAD.length)}` : sentence;
}

/** "Only for visitors in Mobile paid search and Newsletter readers"; empty when the tag requires none. */
export function audiencesLine(ids: readonly string[], names: ReadonlyMap<string, string>): string {
  if (ids.length === 0) return '';
  const named = ids.map((id) => names.get(id) ?? 'an audience you cannot see');
  return `Only for visitors in ${joinWords(named, 'and')}`;
}
