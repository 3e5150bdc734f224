// Delivery: containers served from memory, precompressed (gzip and brotli), negotiated by
// Accept-Encoding, with strong ETags, short live caching and immutable per-version URLs.
export { ContainerCache, StoreUnavailable } from './cache';
export { CachedContainer, LIVE_CACHE_CONTROL, VERSION_CACHE_CONTROL } from './container';
export { acceptedCodings } from './encoding';
export { deliveryRoutes } from './routes';
