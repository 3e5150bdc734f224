// Containers in memory: each site's live version, re-checked against the store once a second so a
// publish through another process is served within about a second, and a bounded LRU of pinned
// versions for the immutable per-version URL. Nothing is loaded until someone asks for it.
import type { Store } from '../store/types';
import { CachedContainer } from './container';

/** How long a process trusts its copy before checking the store for a newer publish. */
const FRESH_MS = 1000;
const LIVE_ENTRIES = 50_000;
const VERSION_ENTRIES = 500;

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
  /** The last container built per site, so an unchanged version is not compressed again. */
  private readonly lastBuilt = new Map<string, CachedContainer>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
    private readonly versionEntries = VERSION_ENTRIES,
  ) {}

  /** The live container when this process holds a fresh, settled answer; undefined means ask `get`. */
  peek(siteKey: string): CachedContainer | null | undefined {
    const entry = this.live.get(siteKey);
    return entry && this.now() - entry.at < FRESH_MS ? entry.value : undefined;
  }

  /**
   * The live container of a site. Publishes made by another process against the same store are
   * picked up within FRESH_MS; if the store cannot be reached then, the copy in hand is served.
   * Rejects with StoreUnavailable when the store fails and nothing is in hand.
   */
  get(siteKey: string): Promise<CachedContainer | null> {
    const previous = this.live.get(siteKey);
    const at = this.now();
    if (previous && at - previous.at < FRESH_MS) return previous.loaded;
    // Unknown keys are remembered too (briefly); a flood of made-up keys must not grow memory without bound.
    if (this.live.size >= LIVE_ENTRIES) this.live.clear();
    const entry = this.remember(this.live, siteKey, at, this.loadLive(siteKey), previous);
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

  /** Called after a publish or removal in this process so the next request sees it at once. */
  invalidate(siteKey: string): void {
    this.live.delete(siteKey);
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

  private async loadLive(siteKey: string): Promise<CachedContainer | null> {
    const site = await this.store.sites.getByKey(siteKey);
    const version = site && (await this.store.versions.latest(site.id));
    if (!version) {
      this.lastBuilt.delete(siteKey);
      return null;
    }
    const built = this.lastBuilt.get(siteKey);
    if (built?.etag === version.etag) return built;
    const container = await CachedContainer.build(version, version.snapshot.site.countryHeader ?? null);
    this.lastBuilt.set(siteKey, container);
    return container;
  }

  private async loadVersion(siteKey: string, number: number): Promise<CachedContainer | null> {
    const site = await this.store.sites.getByKey(siteKey);
    if (!site) return null;
    const built = this.lastBuilt.get(siteKey);
    if (built?.number === number) return built;
    const summary = (await this.store.versions.list(site.id)).find((v) => v.number === number);
    const version = summary && (await this.store.versions.get(summary.id));
    if (!version || version.siteId !== site.id) return null;
    return CachedContainer.build(version, version.snapshot.site.countryHeader ?? null);
  }
}
