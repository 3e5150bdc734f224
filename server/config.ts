// The server's configuration, parsed once from the environment. Nothing else reads process.env.
import { z } from 'zod';
import { DEFAULT_VENDOR_HOSTS } from './compile/vendors';

const Origin = z.string().url().transform((url) => new URL(url).origin);
const VendorHostOverrides = z.object({ meta: Origin, googleAds: Origin, tiktok: Origin, linkedin: Origin }).partial().strict();

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'], { error: () => 'use true or false' })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  MONGODB_URI: z.string().url().optional(),
  MONGODB_DB: z.string().default('pixeltag'),
  /** Seed the demo account and site; defaults to on with the embedded store, off with MongoDB. */
  DEMO: flag.optional(),
  /** Set behind a TLS-terminating proxy so session cookies are marked Secure. */
  COOKIE_SECURE: flag.default(false),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How often buffered collector hits are written to the store. */
  COLLECT_FLUSH_MS: z.coerce.number().int().min(10).max(60000).default(1000),
  /** JSON overriding vendor script origins, e.g. {"meta":"http://127.0.0.1:9000"}; tests point vendors at a stub. */
  VENDOR_HOSTS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return { ...DEFAULT_VENDOR_HOSTS };
      try {
        return { ...DEFAULT_VENDOR_HOSTS, ...VendorHostOverrides.parse(JSON.parse(text)) };
      } catch {
        ctx.addIssue({ code: 'custom', message: 'use JSON such as {"meta":"https://connect.facebook.net"}' });
        return z.NEVER;
      }
    }),
});

export type Config = Omit<z.infer<typeof Env>, 'DEMO'> & { DEMO: boolean };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  return { ...parsed.data, DEMO: parsed.data.DEMO ?? !parsed.data.MONGODB_URI };
}
