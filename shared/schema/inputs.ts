// Inputs of the console API. The console forms validate with these same schemas as people type.
import { z } from 'zod';
import { Email, Id, Name, Password, Role } from './common';
import { SITE_DEFAULTS, SiteSettings, TAG_DEFAULTS, TagFields } from './entities';

export const SignUpInput = z.object({ email: Email, name: Name, password: Password, orgName: Name });
export const LogInInput = z.object({ email: Email, password: z.string().min(1, 'Enter your password').max(200) });

export const OrgCreateInput = z.object({ name: Name });
export const OrgRef = z.object({ orgId: Id });
export const MemberAddInput = z.object({
  orgId: Id,
  email: Email,
  role: Role,
  clientIds: z.array(Id).nullable().default(null),
});

export const ClientRef = z.object({ clientId: Id });
export const ClientCreateInput = z.object({ orgId: Id, name: Name });
export const ClientUpdateInput = z.object({ clientId: Id, name: Name });

export const SiteRef = z.object({ siteId: Id });
export const SiteCreateInput = SiteSettings.partial({ privacy: true, collect: true, domains: true, timeZone: true, maxFiresPerPage: true, countryHeader: true })
  .extend({ clientId: Id })
  .transform((input) => ({ ...SITE_DEFAULTS, ...input }));
export const SiteUpdateInput = SiteSettings.partial().extend({ siteId: Id });

export const TagRef = z.object({ tagId: Id });
export const TagCreateInput = TagFields.partial({ trigger: true, cap: true, schedule: true, consent: true, audienceIds: true })
  .extend({ siteId: Id })
  .transform((input) => ({ ...TAG_DEFAULTS, ...input }));
export const TagUpdateInput = TagFields.partial().extend({
  tagId: Id,
  /** The revision the editor started from; a stale one is refused rather than overwriting someone's work. */
  revision: z.number().int().min(1),
});


export const HitsSummaryInput = z.object({ siteId: Id, hours: z.number().int().min(1).max(24 * 90).default(24) });
