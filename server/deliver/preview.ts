// Preview links: a signed, expiring token that names one site and what to preview (the draft or
// a version). The browser holding it loads that container, with the debug panel, instead of live;
// everyone else keeps live. Tokens are signed with a key kept in the store, so every server
// process on the same store verifies what any of them issued.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Site } from '../../shared/schema';
import type { Services } from '../api/context';
import { compileContainer } from '../compile';
import { draftSnapshot } from '../compile/publish';

/** How long a preview link works. Long enough for a QA session, short enough that a leaked link soon dies. */
export const PREVIEW_TTL_MS = 4 * 3_600_000;
const KEY_NAME = 'preview-token-key';
/** The query parameter that carries the token to the site and on to the container URL. */
export const PREVIEW_PARAM = 'pixeltag_preview';

export type PreviewSource = 'draft' | number;

export interface PreviewClaims {
  siteKey: string;
  source: PreviewSource;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export type Verdict = { ok: true; claims: PreviewClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' | 'other site' };

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest();

export class PreviewTokens {
  private key: Promise<Buffer> | null = null;

  constructor(
    private readonly services: Pick<Services, 'store' | 'config'>,
    private readonly now: () => number = Date.now,
  ) {}

  private signingKey(): Promise<Buffer> {
    if (!this.key) {
      const candidate = randomBytes(32).toString('base64url');
      this.key = this.services.store.secrets.getOrCreate(KEY_NAME, candidate).then(
        (value) => Buffer.from(value, 'base64url'),
        (error: unknown) => {
          this.key = null;
          throw error;
        },
      );
    }
    return this.key;
  }

  async issue(siteKey: string, source: PreviewSource): Promise<{ token: string; expiresAt: number }> {
    const expiresAt = this.now() + PREVIEW_TTL_MS;
    const payload = Buffer.from(JSON.stringify({ k: siteKey, s: source, x: expiresAt })).toString('base64url');
    const token = `${payload}.${mac(await this.signingKey(), payload).toString('base64url')}`;
    return { token, expiresAt };
  }

  /** Checks the signature first, so nothing in a forged token is even parsed. */
  async verify(token: string, siteKey: string): Promise<Verdict> {
    const dot = token.indexOf('.');
    if (dot < 1 || token.length > 1000) return { ok: false, reason: 'malformed' };
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = mac(await this.signingKey(), payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'signature' };
    let claims: { k?: unknown; s?: unknown; x?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'malformed' };
    }
    const source = claims.s;
    if (typeof claims.k !== 'string' || typeof claims.x !== 'number' || !(source === 'draft' || (typeof source === 'number' && source > 0))) {
      return { ok: false, reason: 'malformed' };
    }
    if (claims.k !== siteKey) return { ok: false, reason: 'other site' };
    if (claims.x <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims: { siteKey: claims.k, source, expiresAt: claims.x } };
  }

  /**
   * The preview container for valid claims: compiled now from the draft (so the latest edits
   * show on reload) or from the version, with the debug runtime. Null when the version is gone.
   */
  async container(site: Site, claims: PreviewClaims): Promise<{ script: string; countryHeader: string | null } | null> {
    const snapshot =
      claims.source === 'draft'
        ? await draftSnapshot(this.services, site)
        : (await this.services.store.versions.getByNumber(site.id, claims.source))?.snapshot;
    if (!snapshot) return null;
    const label = claims.source === 'draft' ? 'the draft' : `version ${claims.source}`;
    const { script } = compileContainer(site.siteKey, snapshot, {
      vendorHosts: this.services.config.VENDOR_HOSTS,
      preview: { label, expiresAt: claims.expiresAt },
    });
    return { script, countryHeader: snapshot.site.countryHeader ?? null };
  }
}
