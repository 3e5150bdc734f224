// The command-line client: export, import, publish and roll back a site's configuration against a running
// server over the same tRPC procedures as the console, authenticated with an API token.
// Usage: npm run pixeltag -- <command> [options]   (run with --help for the list)
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { AppRouter } from './api/_app';

const USAGE = `Usage: npm run pixeltag -- <command> [options]

Commands:
  export  --site <siteId> [--out <file>]        Write the site's draft configuration as JSON (stdout without --out)
  import  --site <siteId> --file <file> [--keep-settings]
                                                Replace the site's draft with the file: tags matched by key are
                                                updated, new ones created, missing ones removed. Not published.
  import  --client <clientId> --file <file> [--name <name>]
                                                Create a new site under the client from the file (needs admin)
  publish --site <siteId> [--env <name>] [--note <text>]
                                                Publish the site's draft to an environment (default live)
  rollback --site <siteId> --to <version> [--env <name>] [--note <text>]
                                                Point an environment (default live) at an earlier version;
                                                served by every server within a second

Options:
  --url <url>      The Pixeltag server (default http://localhost:3000, or PIXELTAG_URL)
  --token <ptk_…>  An API token (or PIXELTAG_TOKEN, which keeps it out of the process list)
  --help           Show this help`;

class UsageError extends Error {}

/** For error messages: where the command tried to connect. */
let serverUrl = '';

type Api = ReturnType<typeof createTRPCClient<AppRouter>>;

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`Missing --${flag}`);
  return value;
}

function readDocument(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}

async function run(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      site: { type: 'string' },
      client: { type: 'string' },
      file: { type: 'string' },
      out: { type: 'string' },
      note: { type: 'string' },
      name: { type: 'string' },
      env: { type: 'string' },
      to: { type: 'string' },
      'keep-settings': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...extra] = positionals;
  if (values.help || !command) {
    out(USAGE);
    if (!command && !values.help) throw new UsageError('Say which command to run');
    return;
  }
  if (extra.length) throw new UsageError(`Unexpected argument: ${extra[0]}`);
  if (!['export', 'import', 'publish', 'rollback'].includes(command)) throw new UsageError(`Unknown command: ${command}`);
  // Checked before anything is sent, so a typo never reaches the server as a half-formed request.
  const versionNumber = command === 'rollback' ? positiveInteger(required(values.to, 'to'), 'to') : 0;

  const url = (values.url ?? env.PIXELTAG_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
  serverUrl = url;
  const token = values.token ?? env.PIXELTAG_TOKEN;
  if (!token) throw new UsageError("Give an API token with --token or PIXELTAG_TOKEN (an org admin creates one in the console's API tokens)");
  const api: Api = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });

  if (command === 'export') {
    const doc = await api.siteConfig.export.query({ siteId: required(values.site, 'site') });
    const json = JSON.stringify(doc, null, 2) + '\n';
    if (values.out) {
      writeFileSync(values.out, json);
      out(`Exported "${doc.site.name}" (${doc.tags.length} tags) to ${values.out}`);
    } else {
      process.stdout.write(json);
    }
    return;
  }

  if (command === 'import') {
    const file = required(values.file, 'file');
    if (Boolean(values.site) === Boolean(values.client)) throw new UsageError('Give either --site (an existing site) or --client (a new site)');
    const document = readDocument(file);
    const result = values.site
      ? await api.siteConfig.import.mutate({ siteId: values.site, document, keepSettings: values['keep-settings'] ?? false })
      : await api.siteConfig.importNew.mutate({ clientId: required(values.client, 'client'), document, name: values.name });
    const settings = result.settingsChanged ? 'settings replaced' : 'settings unchanged';
    out(
      `Imported ${file} into "${result.site.name}" (site ${result.site.id}): ${result.created} created, ${result.updated} updated, ` +
        `${result.removed} removed, ${result.unchanged} unchanged; ${settings}.`,
    );
    out(`This is a draft: nothing is live until you run  npm run pixeltag -- publish --site ${result.site.id}`);
    return;
  }

  if (command === 'rollback') {
    const release = await api.sites.rollback.mutate({ siteId: required(values.site, 'site'), versionNumber, environment: values.env, note: values.note ?? '' });
    const verb = release.action === 'rollback' ? 'Rolled back' : 'Moved';
    out(`${verb} ${release.environment} of site ${release.siteId} to version ${release.versionNumber}. Every server serves it within a second.`);
    return;
  }

  const version = await api.sites.publish.mutate({ siteId: required(values.site, 'site'), note: values.note ?? '', environment: values.env });
  out(`Published version ${version.number} of site ${version.siteId} to ${version.release.environment}${version.note ? ` ("${version.note}")` : ''}.`);
}

function positiveInteger(value: string, flag: string): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) throw new UsageError(`--${flag} takes a version number such as 3`);
  return Number(value);
}

/** What went wrong, for a person: each field problem on its own line with its JSON path. */
function describeError(error: unknown): string {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string; issues?: { path: string; message: string }[] } | undefined;
    const issues = data?.issues ?? [];
    if (issues.length) {
      const lines = issues.map((i) => `  ${i.path || '(document)'}: ${i.message}`);
      return [`Refused (${data?.code}): ${issues.length} problem${issues.length === 1 ? '' : 's'}; nothing was changed`, ...lines].join('\n');
    }
    // No data means no tRPC answer came back: the server is down, or the URL is not a Pixeltag server.
    if (!data) return `Cannot reach a Pixeltag server at ${serverUrl} (${error.message}); check --url`;
    return `Refused (${data.code}): ${error.message}`;
  }
  return (error as Error).message;
}

run(process.argv.slice(2), process.env, (line) => console.log(line)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`pixeltag: ${describeError(error)}`);
    if (error instanceof UsageError) console.error('Run with --help for usage.');
    process.exit(error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1);
  },
);
