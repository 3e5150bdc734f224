// Containers in memory: the version each environment of a site serves, re-checked against the store once a second so a
// publish through another process is served within about a second, and a bounded LRU of pinned
// versions for the immutable per-version URL. Nothing is loaded until someone asks for it.
import type { Store } from '../store/types';
import { LIVE } from '../../shared/schema/publishing';
import { CachedContainer } from './container';

/** How long a process trusts its copy before checking the store for a newer publish. */
const FRESH_MS = 1000;
const LIVE_ENTRIES = 50_000;
const VERSION_ENTRIES = 500;
/** Versions kept built per site: one per environment, plus a rollback target or two. */
const BUILT_PER_SITE = 8;
/** Joins a site key and an environment name in cache keys; neither can contain it. */
const ENV_SEPARATOR = '?';

/** The store could not answer and there is no copy in hand to serve instead. */
export class StoreUnavailable extends Error {
  constructor(cause: unknown) {
    super('container store unavailable', { cause });
  }
}

interface Entry {
  loaded: Promise<CachedContainer | null>;
  /** The settled answer, so a fresh hit is served without waiting on a promise; undefined until then. */
  value: CachedContainer | null | undefined;
  at: number;
}

export class ContainerCache {
  private readonly live = new Map<string, Entry>();
  /** Keyed `siteKey/number`; insertion order is recency (a hit moves the entry to the end). */
  private readonly versions = new Map<string, Entry>();
  /** Containers built per site by version number, so an unchanged version is not compressed again. */
  private readonly lastBuilt = new Map<string, Map<number, CachedContainer>>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
    private readonly versionEntries = VERSION_ENTRIES,
  ) {}

  /**
   * The container an environment serves when this process holds a fresh, settled answer;
   * undefined means ask `get`. `live` is keyed by the bare site key, the hottest lookup.
   */
  peek(siteKey: string, environment = LIVE): CachedContainer | null | undefined {
    const entry = this.live.get(environment === LIVE ? siteKey : `${siteKey}${ENV_SEPARATOR}${environment}`);
    return entry && this.now() - entry.at < FRESH_MS ? entry.value : undefined;
  }

  /**
   * The container an environment of a site serves. Publishes and rollbacks made by another
   * process against the same store are picked up within FRESH_MS; if the store cannot be reached
   * then, the copy in hand is served. Rejects with StoreUnavailable when the store fails and
   * nothing is in hand.
   */
  get(siteKey: string, environment = LIVE): Promise<CachedContainer | null> {
    const id = environment === LIVE ? siteKey : `${siteKey}${ENV_SEPARATOR}${environment}`;
    const previous = this.live.get(id);
    const at = this.now();
    if (previous && at - previous.at < FRESH_MS) return previous.loaded;
    // Unknown keys are remembered too (briefly); a flood of made-up keys must not grow memory without bound.
    if (this.live.size >= LIVE_ENTRIES) this.live.clear();
    const entry = this.remember(this.live, id, at, this.loadEnvironment(siteKey, environment), previous);
    return entry.loaded;
  }

  /** Version `number` of a site, or null when the site or the version does not exist. */
  version(siteKey: string, number: number): Promise<CachedContainer | null> {
    const id = `${siteKey}/${number}`;
    const entry = this.versions.get(id);
    if (entry && (entry.value || this.now() - entry.at < FRESH_MS)) {
      this.versions.delete(id);
      this.versions.set(id, entry);
      return entry.loaded;
    }
    if (entry) this.versions.delete(id);
    else if (this.versions.size >= this.versionEntries) this.versions.delete(this.versions.keys().next().value!);
    return this.remember(this.versions, id, this.now(), this.loadVersion(siteKey, number), entry).loaded;
  }

  /** Called after a publish, rollback or removal in this process so the next request sees it at once. */
  invalidate(siteKey: string): void {
    this.live.delete(siteKey);
    const environments = `${siteKey}${ENV_SEPARATOR}`;
    for (const id of this.live.keys()) if (id.startsWith(environments)) this.live.delete(id);
    const prefix = `${siteKey}/`;
    for (const id of this.versions.keys()) if (id.startsWith(prefix)) this.versions.delete(id);
  }

  /** Stores a load under `id`; when it fails, the previous settled answer (if any) stands for another FRESH_MS. */
  private remember(map: Map<string, Entry>, id: string, at: number, load: Promise<CachedContainer | null>, previous: Entry | undefined): Entry {
    const entry: Entry = { loaded: load, value: undefined, at };
    entry.loaded = load.then(
      (container) => (entry.value = container),
      (error: unknown) => {
        if (previous?.value !== undefined) return (entry.value = previous.value);
        throw new StoreUnavailable(error);
      },
    );
    map.set(id, entry);
    return entry;
  }

  private async loadEnvironment(siteKey: string, environment: string): Promise<CachedContainer | null> {
    const site = await this.store.sites.getByKey(siteKey);
    const pointer = site && (await this.store.environments.get(site.id, environment));
    if (!site || !pointer?.versionNumber) return null;
    return this.build(site.id, siteKey, pointer.versionNumber);
  }

  private async loadVersion(siteKey: string, number: number): Promise<CachedContainer | null> {
    const site = await this.store.sites.getByKey(siteKey);
    return site && this.build(site.id, siteKey, number);
  }

  /** Environments usually share versions (staging promoted to live): each is compressed once. */
  private async build(siteId: string, siteKey: string, number: number): Promise<CachedContainer | null> {
    let built = this.lastBuilt.get(siteKey);
    if (!built) this.lastBuilt.set(siteKey, (built = new Map()));
    const known = built.get(number);
    if (known) return known;
    const version = await this.store.versions.getByNumber(siteId, number);
    if (!version) return null;
    const container = await CachedContainer.build(version, version.snapshot.site.countryHeader ?? null);
    // A site keeps at most a few versions in use at once; the oldest built goes first.
    if (built.size >= BUILT_PER_SITE) built.delete(built.keys().next().value!);
    built.set(number, container);
    return container;
  }
}
