// The storage interface: one repository per aggregate. Both adapters (sqlite/, mongo/) implement
// it and pass the same contract suite (test/server/store/contract.ts). Repositories take and
// return domain objects only; no driver type leaves server/store.
import type { Client, Hit, Membership, Org, Site, Tag, TagFields, User, Version, VersionSummary } from '../../shared/schema';
import type { ApiToken } from '../../shared/schema/apiTokens';
import type { Audience } from '../../shared/schema/audiences';
import type { Environment, PublishRequest, Release } from '../../shared/schema/publishing';

export interface UserRecord extends User {
  passwordHash: string;
}

export interface UsersRepo {
  /** Throws Conflict when the email is taken. */
  create(user: UserRecord): Promise<void>;
  get(id: string): Promise<User | null>;
  getByEmail(email: string): Promise<UserRecord | null>;
}

export interface SessionRecord {
  /** A hash of the cookie value: a leaked database does not leak live sessions. */
  id: string;
  userId: string;
  expiresAt: string;
}

export interface SessionsRepo {
  create(session: SessionRecord): Promise<void>;
  get(id: string): Promise<SessionRecord | null>;
  remove(id: string): Promise<void>;
}

export interface OrgsRepo {
  create(org: Org): Promise<void>;
  get(id: string): Promise<Org | null>;
  /** Adds or replaces the user's membership. */
  setMember(membership: Membership): Promise<void>;
  getMember(orgId: string, userId: string): Promise<Membership | null>;
  listMembers(orgId: string): Promise<Membership[]>;
  listForUser(userId: string): Promise<{ org: Org; membership: Membership }[]>;
}

export interface ClientsRepo {
  create(client: Client): Promise<void>;
  get(id: string): Promise<Client | null>;
  listByOrg(orgId: string): Promise<Client[]>;
  update(id: string, patch: Pick<Client, 'name'>): Promise<Client>;
  /** Throws Conflict while the client still has sites. */
  remove(id: string): Promise<void>;
}

export interface SitesRepo {
  create(site: Site): Promise<void>;
  get(id: string): Promise<Site | null>;
  getByKey(siteKey: string): Promise<Site | null>;
  listByClient(clientId: string): Promise<Site[]>;
  update(id: string, patch: Partial<Omit<Site, 'id' | 'orgId' | 'clientId' | 'siteKey' | 'createdAt'>>): Promise<Site>;
  /** Removes the site with its tags, versions, environments, releases, publish requests and hits. */
  remove(id: string): Promise<void>;
}

export interface TagsRepo {
  create(tag: Tag): Promise<void>;
  get(id: string): Promise<Tag | null>;
  listBySite(siteId: string): Promise<Tag[]>;
  /**
   * Applies the patch only if the stored revision is still `expectedRevision`, and bumps it.
   * Throws Conflict otherwise, leaving the stored tag untouched.
   */
  update(id: string, expectedRevision: number, patch: Partial<TagFields>, updatedAt: string): Promise<Tag>;
  remove(id: string): Promise<void>;
  /**
   * Makes the site's tags exactly `tags` in one step: stored tags of the site not in the list are
   * removed, the others replaced whole, new ones inserted. Throws Conflict, changing nothing in
   * SQLite, when an id in the list belongs to another site.
   */
  replaceForSite(siteId: string, tags: Tag[]): Promise<void>;
}

export interface VersionsRepo {
  /** Stores a new version numbered one past the site's last; returns it with its number. */
  create(version: Omit<Version, 'number'>): Promise<Version>;
  get(id: string): Promise<Version | null>;
  latest(siteId: string): Promise<Version | null>;
  getByNumber(siteId: string, number: number): Promise<Version | null>;
  list(siteId: string): Promise<VersionSummary[]>;
}

export interface EnvironmentsRepo {
  /** The environments stored for the site (created, or published to), by name. */
  list(siteId: string): Promise<Environment[]>;
  get(siteId: string, name: string): Promise<Environment | null>;
  /** Throws Conflict when the site already has an environment of that name. */
  create(environment: Environment): Promise<void>;
  /** Removes the environment; its releases stay in the record. */
  remove(siteId: string, name: string): Promise<void>;
  /**
   * Points the release's environment at its version (creating the environment when missing) and
   * appends the release to the site's record, both or neither.
   */
  release(release: Release): Promise<void>;
  /** The site's releases, newest first. */
  history(siteId: string, limit: number): Promise<Release[]>;
}

export interface PublishRequestsRepo {
  create(request: PublishRequest): Promise<void>;
  get(id: string): Promise<PublishRequest | null>;
  /** The site's requests, newest first. */
  list(siteId: string): Promise<PublishRequest[]>;
  /** Closes an open request; throws Conflict when it is no longer open, leaving it as it was. */
  resolve(id: string, outcome: Pick<PublishRequest, 'status' | 'resolvedBy' | 'resolvedAt' | 'versionNumber'>): Promise<PublishRequest>;
}

export interface SecretsRepo {
  /**
   * The secret stored under `name`; the first caller stores `candidate`. Every process on the
   * same store gets the same answer, so what one signs the others can verify.
   */
  getOrCreate(name: string, candidate: string): Promise<string>;
}

export interface HitCount {
  tagId: string | null;
  event: string;
  count: number;
}

export interface HitsRepo {
  insertMany(hits: Hit[]): Promise<void>;
  /** Counts per tag and event since the given instant. */
  countByTag(siteId: string, since: string): Promise<HitCount[]>;
}

/** An API token as stored: `hash` is the SHA-256 of the secret, which is never kept. */
export interface ApiTokenRecord extends ApiToken {
  hash: string;
}

export interface ApiTokensRepo {
  /** Throws Conflict when the id or hash is taken. */
  create(token: ApiTokenRecord): Promise<void>;
  get(id: string): Promise<ApiTokenRecord | null>;
  getByHash(hash: string): Promise<ApiTokenRecord | null>;
  /** The org's tokens, revoked ones included, newest first (then by id). */
  listByOrg(orgId: string): Promise<ApiTokenRecord[]>;
  /** Records a use; unknown ids are ignored. */
  touch(id: string, lastUsedAt: string): Promise<void>;
  /** Marks the token revoked (once: a second revoke keeps the first instant); unknown ids are ignored. */
  revoke(id: string, revokedAt: string): Promise<void>;
}

export interface AudiencesRepo {
  create(audience: Audience): Promise<void>;
  get(id: string): Promise<Audience | null>;
  /** Every audience of the org, by name. */
  listByOrg(orgId: string): Promise<Audience[]>;
  update(id: string, patch: Partial<Pick<Audience, 'name' | 'conditions'>> & { updatedAt: string }): Promise<Audience>;
  remove(id: string): Promise<void>;
}

export interface Store {
  users: UsersRepo;
  sessions: SessionsRepo;
  orgs: OrgsRepo;
  clients: ClientsRepo;
  sites: SitesRepo;
  tags: TagsRepo;
  versions: VersionsRepo;
  hits: HitsRepo;
  apiTokens: ApiTokensRepo;
  audiences: AudiencesRepo;
  environments: EnvironmentsRepo;
  publishRequests: PublishRequestsRepo;
  secrets: SecretsRepo;
  /** Throws when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
