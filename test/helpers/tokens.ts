// API-token callers and site-config documents for API tests: a client that authenticates with
// `Authorization: Bearer`, and a small valid document to import.
import { TAG_DEFAULTS, type Role } from '../../shared/schema';
import { SITE_CONFIG_FORMAT, SITE_CONFIG_VERSION, type SiteConfig } from '../../shared/schema/siteConfig';
import { apiClient, imageTag, type ApiClient } from './app';

/** Creates a token through `creator`'s session and returns a client that uses it (no cookie). */
export async function tokenClient(
  baseUrl: string,
  creator: { api: ApiClient; orgId: string },
  options: { role: Role; clientIds?: string[] | null; name?: string },
) {
  const created = await creator.api.tokens.create.mutate({
    orgId: creator.orgId,
    name: options.name ?? `${options.role} token`,
    role: options.role,
    clientIds: options.clientIds ?? null,
  });
  return { ...created, api: apiClient(baseUrl, { cookie: '' }, { authorization: `Bearer ${created.secret}` }) };
}

/** A complete tag of the document, from the same image tag the other API tests use. */
export function configTag(key: string, over: Partial<SiteConfig['tags'][number]> = {}): SiteConfig['tags'][number] {
  const { siteId: _siteId, ...fields } = imageTag('unused');
  return {
    key,
    ...TAG_DEFAULTS,
    ...fields,
    ...over,
  };
}

export function siteConfigDocument(tags: SiteConfig['tags'] = [configTag('first')]): SiteConfig {
  return {
    format: SITE_CONFIG_FORMAT,
    version: SITE_CONFIG_VERSION,
    site: {
      name: 'Imported shop',
      domains: ['shop.example.com'],
      timeZone: 'Europe/Berlin',
      privacy: { honorDnt: true, honorGpc: true, consentMode: 'none' },
      collect: true,
      maxFiresPerPage: null,
      countryHeader: null,
    },
    tags,
  };
}
