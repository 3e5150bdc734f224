// What changes between two snapshots of a site (two versions, or the draft and what an
// environment serves): settings, tags and audiences added, removed and changed, with each changed
// field's value before and after. The console and the API show the same answer.
import type { SiteSnapshot, Tag } from '../schema/entities';
import type { Audience } from '../schema/audiences';

export interface FieldChange {
  /** Dotted path of the field: `name`, `action.url`, `schedule.start`, `privacy.honorDnt` … */
  field: string;
  /** Undefined when the field did not exist on that side. */
  before: unknown;
  after: unknown;
}

export interface ItemRef {
  id: string;
  name: string;
}

export interface ItemChange extends ItemRef {
  changes: FieldChange[];
}

export interface ItemsDiff {
  added: ItemRef[];
  removed: ItemRef[];
  changed: ItemChange[];
}

export interface SnapshotDiff {
  settings: FieldChange[];
  tags: ItemsDiff;
  audiences: ItemsDiff;
  /** Changed settings, plus tags and audiences added, removed or changed: what "N unpublished changes" counts. */
  count: number;
}

/** Bookkeeping that changes on every save without changing what the container does. */
const IGNORED = new Set(['id', 'siteId', 'orgId', 'revision', 'createdAt', 'updatedAt']);
/**
 * Compared whole, never field by field: a condition tree or a list reads best as one value (the
 * console describes a tree in words), and its inner paths would mean nothing to a marketer.
 */
const WHOLE = new Set(['conditions', 'audienceIds', 'domains', 'weekdays']);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Structural equality of JSON values, ignoring key order; an absent key equals one set to undefined, as in JSON. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!sameValue(a[key], b[key])) return false;
    return true;
  }
  return false;
}

/** Field-level changes between two objects; nested objects (an action, a schedule) descend to their fields. */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, prefix = ''): FieldChange[] {
  const changes: FieldChange[] = [];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  for (const key of keys) {
    if (!prefix && IGNORED.has(key)) continue;
    const a = before[key];
    const b = after[key];
    if (sameValue(a, b)) continue;
    const field = prefix + key;
    // An object whose kind changed (an image pixel became a script) is one change, not many.
    const sameKind = isPlainObject(a) && isPlainObject(b) && a.kind === b.kind && a.type === b.type;
    if (sameKind && !WHOLE.has(key)) changes.push(...fieldChanges(a, b, `${field}.`));
    else changes.push({ field, before: a, after: b });
  }
  return changes;
}

function itemsDiff<T extends { id: string; name: string }>(before: readonly T[], after: readonly T[]): ItemsDiff {
  const old = new Map(before.map((item) => [item.id, item]));
  const next = new Map(after.map((item) => [item.id, item]));
  const ref = (item: T): ItemRef => ({ id: item.id, name: item.name });
  const changed: ItemChange[] = [];
  for (const item of after) {
    const previous = old.get(item.id);
    if (!previous) continue;
    const changes = fieldChanges(previous as unknown as Record<string, unknown>, item as unknown as Record<string, unknown>);
    if (changes.length) changed.push({ ...ref(item), changes });
  }
  return {
    added: after.filter((item) => !old.has(item.id)).map(ref),
    removed: before.filter((item) => !next.has(item.id)).map(ref),
    changed,
  };
}

const size = (diff: ItemsDiff) => diff.added.length + diff.removed.length + diff.changed.length;

/** The changes that turn `before` into `after`; `before` null means nothing was published, so everything is added. */
export function diffSnapshots(before: SiteSnapshot | null, after: SiteSnapshot): SnapshotDiff {
  const settings = before ? fieldChanges(before.site, after.site) : [];
  const tags = itemsDiff<Tag>(before?.tags ?? [], after.tags);
  const audiences = itemsDiff<Audience>(before?.audiences ?? [], after.audiences ?? []);
  return { settings, tags, audiences, count: settings.length + size(tags) + size(audiences) };
}
