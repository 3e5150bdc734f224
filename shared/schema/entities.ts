// The stored entities: org → client → site → tag, plus users, memberships, versions and hits.
// Every type in the product is inferred from these schemas.
import { z } from 'zod';
import { Email, Id, Name, Role, TimeZone, Timestamp } from './common';
import { ConditionGroup } from './rules';
import { TagAction } from './actions';
import { Audience, MAX_AUDIENCES_PER_TAG } from './audiences';
import { ALWAYS, Cap, ConsentCategory, DEFAULT_CAP, DEFAULT_TRIGGER, Schedule, Trigger } from './targeting';

export const User = z.object({ id: Id, email: Email, name: Name, createdAt: Timestamp });
export type User = z.infer<typeof User>;

export const Org = z.object({ id: Id, name: Name, createdAt: Timestamp });
export type Org = z.infer<typeof Org>;

/** A user's role in an org; `clientIds` limits it to some clients, null means every client. */
export const Membership = z.object({
  orgId: Id,
  userId: Id,
  role: Role,
  clientIds: z.array(Id).nullable(),
});
export type Membership = z.infer<typeof Membership>;

export const Client = z.object({ id: Id, orgId: Id, name: Name, createdAt: Timestamp });
export type Client = z.infer<typeof Client>;

const HOSTNAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
export const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(HOSTNAME, 'Enter a host name such as shop.example.com (no https:// and no path)');

export const CONSENT_MODES = ['none', 'optIn', 'optOut'] as const;
export const Privacy = z.object({
  honorDnt: z.boolean(),
  honorGpc: z.boolean(),
  consentMode: z.enum(CONSENT_MODES),
});
export type Privacy = z.infer<typeof Privacy>;
export const DEFAULT_PRIVACY: Privacy = { honorDnt: true, honorGpc: true, consentMode: 'none' };

export const SiteSettings = z.object({
  name: Name,
  domains: z.array(Domain).max(50, 'At most 50 domains'),
  timeZone: TimeZone,
  privacy: Privacy,
  collect: z.boolean(),
  /** At most this many pixels fire per page view, highest priority first; null for no limit. */
  maxFiresPerPage: z.number().int().min(1, 'At least 1').max(100, 'At most 100').nullable(),
  /** A trusted request header carrying the visitor's country (a CDN's, e.g. cf-ipcountry); null when none. */
  countryHeader: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9-]{1,64}$/, 'Enter a header name such as cf-ipcountry')
    .nullable(),
});
export type SiteSettings = z.infer<typeof SiteSettings>;
export const SITE_SETTING_KEYS = Object.keys(SiteSettings.shape) as (keyof SiteSettings)[];
export const SITE_DEFAULTS = { privacy: DEFAULT_PRIVACY, collect: true, domains: [], timeZone: 'UTC', maxFiresPerPage: null, countryHeader: null } as const satisfies Partial<SiteSettings>;
export const pickSiteSettings = (site: SiteSettings): SiteSettings => pick(site, SITE_SETTING_KEYS);

export const Site = SiteSettings.extend({
  id: Id,
  orgId: Id,
  clientId: Id,
  siteKey: z.string(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Site = z.infer<typeof Site>;

export const TAG_STATUSES = ['active', 'paused'] as const;

/** What a person edits; the stored tag adds identity and bookkeeping. */
export const TagFields = z.object({
  name: Name,
  action: TagAction,
  conditions: ConditionGroup,
  priority: z.number().int().min(0).max(100),
  status: z.enum(TAG_STATUSES),
  trigger: Trigger,
  cap: Cap,
  schedule: Schedule,
  consent: ConsentCategory,
  /** Audiences the visitor must all be in, on top of the tag's own conditions. */
  audienceIds: z.array(Id).max(MAX_AUDIENCES_PER_TAG, `At most ${MAX_AUDIENCES_PER_TAG} audiences per tag`),
});
export type TagFields = z.infer<typeof TagFields>;
export const TAG_FIELD_KEYS = Object.keys(TagFields.shape) as (keyof TagFields)[];

/** What a new tag starts with when the form leaves a field out. */
export const TAG_DEFAULTS = { trigger: DEFAULT_TRIGGER, cap: DEFAULT_CAP, schedule: ALWAYS, consent: 'marketing', audienceIds: [] } as const satisfies Partial<TagFields>;

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  const picked = {} as Pick<T, K>;
  for (const key of keys) picked[key] = from[key];
  return picked;
}
export const pickTagFields = (tag: TagFields): TagFields => pick(tag, TAG_FIELD_KEYS);

export const Tag = TagFields.extend({
  id: Id,
  siteId: Id,
  revision: z.number().int().min(1),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Tag = z.infer<typeof Tag>;

/** What a version freezes: the site's settings and its tags as they were at publish time. */
export const SiteSnapshot = z.object({
  site: SiteSettings,
  tags: z.array(Tag),
  /** The audiences the tags require, frozen with them; absent in versions published before audiences. */
  audiences: z.array(Audience).optional(),
});
export type SiteSnapshot = z.infer<typeof SiteSnapshot>;

export const Version = z.object({
  id: Id,
  siteId: Id,
  number: z.number().int().min(1),
  note: z.string(),
  authorId: Id,
  createdAt: Timestamp,
  snapshot: SiteSnapshot,
  script: z.string(),
  etag: z.string(),
});
export type Version = z.infer<typeof Version>;
export type VersionSummary = Omit<Version, 'snapshot' | 'script'>;

export const Hit = z.object({
  siteId: Id,
  tagId: z.string().nullable(),
  event: z.string(),
  url: z.string(),
  at: Timestamp,
});
export type Hit = z.infer<typeof Hit>;
