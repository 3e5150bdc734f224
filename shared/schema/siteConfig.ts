// The site-config document: a site's whole configuration (settings and tags) as one versioned
// JSON file, for export, import and the CLI. Its JSON Schema is generated from these schemas.
import { z } from 'zod';
import { pickSiteSettings, pickTagFields, SiteSettings, TagFields, type Site, type Tag } from './entities';

export const SITE_CONFIG_FORMAT = 'pixeltag.site-config';
export const SITE_CONFIG_VERSION = 1;
/** Where the server serves the JSON Schema; documents may name it in `$schema`. */
export const SITE_CONFIG_SCHEMA_PATH = '/schema/site-config.json';
export const MAX_IMPORTED_TAGS = 2000;

/** A tag with a stable key: its id on export, so importing back into the same site updates it in place. */
export const SiteConfigTag = z.object({ key: z.string().trim().min(1, 'Give the tag a key').max(64, 'Keep the key under 64 characters') }).extend(TagFields.shape);
export type SiteConfigTag = z.infer<typeof SiteConfigTag>;

export const SiteConfig = z
  .object({
    $schema: z.string().max(500).optional(),
    format: z.literal(SITE_CONFIG_FORMAT, { error: () => `This is not a Pixeltag site configuration (format must be "${SITE_CONFIG_FORMAT}")` }),
    version: z.literal(SITE_CONFIG_VERSION, { error: () => `Only version ${SITE_CONFIG_VERSION} of the format can be imported` }),
    site: SiteSettings,
    tags: z.array(SiteConfigTag).max(MAX_IMPORTED_TAGS, `At most ${MAX_IMPORTED_TAGS} tags`),
  })
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.tags.forEach((tag, i) => {
      if (seen.has(tag.key)) ctx.addIssue({ code: 'custom', path: ['tags', i, 'key'], message: `Another tag already uses the key "${tag.key}"` });
      seen.add(tag.key);
    });
  });
export type SiteConfig = z.infer<typeof SiteConfig>;

export function siteConfigOf(site: Site, tags: Tag[]): SiteConfig {
  return {
    format: SITE_CONFIG_FORMAT,
    version: SITE_CONFIG_VERSION,
    site: pickSiteSettings(site),
    tags: tags.map((tag) => ({ key: tag.id, ...pickTagFields(tag) })),
  };
}

/** The JSON Schema of an importable document, generated from the same zod schemas that validate imports. */
export function siteConfigJsonSchema(id?: string): Record<string, unknown> {
  const schema = z.toJSONSchema(SiteConfig, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return { ...(id ? { $id: id } : {}), title: 'Pixeltag site configuration', ...schema };
}
