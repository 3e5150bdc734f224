// Publishing: the environments a site's snippet can load (live, staging and any the site adds),
// the record of every publish and rollback, editors' publish requests, and the references the
// diff and preview take (the draft, a version number, or whatever an environment serves).
import { z } from 'zod';
import { Id, Timestamp } from './common';

export const EnvironmentName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9-]{0,29}$/, 'Use lower-case letters, digits and dashes, starting with a letter (at most 30)');

/** Every site has these; they cannot be removed. `live` is what the plain snippet loads. */
export const BUILT_IN_ENVIRONMENTS = ['live', 'staging'] as const;
export const LIVE = 'live';
export const MAX_ENVIRONMENTS = 10;

/** Which version an environment serves; null until something is published to it. */
export const Environment = z.object({
  siteId: Id,
  name: EnvironmentName,
  versionNumber: z.number().int().min(1).nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Environment = z.infer<typeof Environment>;

/** publish: a new version from the draft; rollback: back to an older one; promote: forward to an existing one. */
export const RELEASE_ACTIONS = ['publish', 'rollback', 'promote'] as const;

/** One entry of a site's audit record: who pointed which environment at which version, when and why. */
export const Release = z.object({
  id: Id,
  siteId: Id,
  environment: EnvironmentName,
  versionNumber: z.number().int().min(1),
  action: z.enum(RELEASE_ACTIONS),
  note: z.string(),
  userId: Id,
  createdAt: Timestamp,
});
export type Release = z.infer<typeof Release>;

export const PUBLISH_REQUEST_STATUSES = ['open', 'published', 'dismissed'] as const;

/** An editor asking a publisher to publish the draft to an environment. */
export const PublishRequest = z.object({
  id: Id,
  siteId: Id,
  environment: EnvironmentName,
  note: z.string(),
  requestedBy: Id,
  createdAt: Timestamp,
  status: z.enum(PUBLISH_REQUEST_STATUSES),
  resolvedBy: Id.nullable(),
  resolvedAt: Timestamp.nullable(),
  /** The version the publish created, when it was published. */
  versionNumber: z.number().int().min(1).nullable(),
});
export type PublishRequest = z.infer<typeof PublishRequest>;

/** The draft, a version by number, or the version an environment serves now. */
export const VersionRef = z.union([
  z.literal('draft'),
  z.number().int().min(1, 'Version numbers start at 1'),
  z.object({ environment: EnvironmentName }),
]);
export type VersionRef = z.infer<typeof VersionRef>;

const Note = z.string().trim().max(500, 'Keep the note under 500 characters').default('');

export const PublishInput = z.object({
  siteId: Id,
  note: Note,
  environment: EnvironmentName.default(LIVE),
  /** The editor's request this publish answers; it is marked published. */
  requestId: Id.optional(),
});
export const RollbackInput = z.object({
  siteId: Id,
  environment: EnvironmentName.default(LIVE),
  versionNumber: z.number().int().min(1, 'Version numbers start at 1'),
  note: Note,
});
export const DiffInput = z.object({ siteId: Id, from: VersionRef, to: VersionRef });
export const EnvironmentInput = z.object({ siteId: Id, name: EnvironmentName });
export const PublishRequestInput = z.object({ siteId: Id, environment: EnvironmentName.default(LIVE), note: Note });
export const PublishRequestIdInput = z.object({ requestId: Id });
export const HistoryInput = z.object({ siteId: Id, limit: z.number().int().min(1).max(500).default(100) });
export const PreviewInput = z.object({
  siteId: Id,
  source: z.union([z.literal('draft'), z.number().int().min(1, 'Version numbers start at 1')]),
  /** The page the link opens; the preview is kept in that browser for the site's other pages too. */
  pageUrl: z.string().trim().url('Enter the full address of a page on the site, starting with https://').max(2000),
});
