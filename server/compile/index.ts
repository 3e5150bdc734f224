// Compiles a site's snapshot into its container: the prebuilt runtime wrapped around a compact
// config. Deterministic (same snapshot, same bytes) and safe to inline anywhere: every string a
// person typed is escaped so it can neither end the script nor run as code.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { VENDOR_KINDS, type Audience, type Cap, type Schedule, type SiteSnapshot, type Tag, type TagAction, type Trigger } from '../../shared/schema';
import { compactGroup } from '../../shared/rules/compact';
import { wallTimeToInstant } from '../../shared/rules/zone';
import {
  CapCode,
  GroupCode,
  ConsentModeCode,
  COUNTRY_SLOT,
  K,
  TagKindCode,
  TriggerCode,
  type CompiledCap,
  type CompiledConfig,
  type CompiledGroup,
  type CompiledSchedule,
  type CompiledTag,
  type CompiledTrigger,
} from '../../shared/runtime/keys';
import { DEFAULT_VENDOR_HOSTS, vendorFunction, type VendorHosts } from './vendors';

type VendorAction = Extract<TagAction, { kind: (typeof VENDOR_KINDS)[number] }>;
const isVendorAction = (action: TagAction): action is VendorAction => (VENDOR_KINDS as readonly string[]).includes(action.kind);
import { PREVIEW_RUNTIME_OUTFILE, RUNTIME_OUTFILE } from '../../shared/runtime/build';
import type { DebugInfo } from '../../shared/runtime/debug';

const runtimeSources = new Map<string, string>();

function readRuntime(file: string): string {
  let source = runtimeSources.get(file);
  if (source === undefined) {
    try {
      source = readFileSync(file, 'utf8').trim();
    } catch {
      throw new Error(`The browser runtime is not built (${file} is missing): run npm run build`);
    }
    runtimeSources.set(file, source);
  }
  return source;
}

/** The minified runtime, built by `npm run build`; read once. */
export const runtime = (): string => readRuntime(RUNTIME_OUTFILE);
/** The same runtime built with the debug panel, for preview links only. */
export const previewRuntime = (): string => readRuntime(PREVIEW_RUNTIME_OUTFILE);

/**
 * JSON that is also safe inside a <script> element and in any JavaScript context: `<`, `>` and
 * `&` cannot form `</script>` or `<!--`, and U+2028/U+2029 (line terminators in older JS
 * engines) cannot end a string literal.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const TRIGGER_CODES: Record<Trigger['type'], TriggerCode> = {
  pageview: TriggerCode.PageView,
  domReady: TriggerCode.DomReady,
  load: TriggerCode.Load,
  click: TriggerCode.Click,
  submit: TriggerCode.Submit,
  event: TriggerCode.Event,
  history: TriggerCode.History,
  timer: TriggerCode.Timer,
  scroll: TriggerCode.Scroll,
  visible: TriggerCode.Visible,
};

function compileTrigger(trigger: Trigger): CompiledTrigger {
  const code = TRIGGER_CODES[trigger.type];
  switch (trigger.type) {
    case 'click':
    case 'submit':
    case 'visible':
      return [code, trigger.selector];
    case 'event':
      return [code, trigger.name];
    case 'timer':
      return [code, trigger.seconds];
    case 'scroll':
      return [code, trigger.percent];
    default:
      return [code];
  }
}

const HOUR_MS = 3_600_000;
function compileCap(cap: Cap): CompiledCap {
  switch (cap.type) {
    case 'page':
      return [CapCode.Page];
    case 'session':
      return [CapCode.Session];
    case 'visitor':
      return [CapCode.Visitor];
    case 'window':
      return [CapCode.Window, cap.count, cap.every * (cap.unit === 'days' ? 24 : 1) * HOUR_MS];
    default:
      return [CapCode.Unlimited];
  }
}

/** Wall-clock dates become instants here, in the site's zone, so visitors' own zones do not matter. */
function compileSchedule(schedule: Schedule, timeZone: string): CompiledSchedule | undefined {
  const mask = schedule.weekdays.reduce((bits, day) => bits | (1 << day), 0);
  const hours = schedule.hours ?? { from: 0, to: 24 };
  if (!schedule.start && !schedule.end && !mask && hours.from === 0 && hours.to === 24) return undefined;
  return [
    schedule.start ? wallTimeToInstant(schedule.start, timeZone) : 0,
    schedule.end ? wallTimeToInstant(schedule.end, timeZone) : 0,
    mask,
    hours.from,
    hours.to,
  ];
}

/** The image URL, script src or HTML; vendor templates travel as code beside the config. */
function actionPayload(action: TagAction): [TagKindCode, string] {
  switch (action.kind) {
    case 'image':
      return [TagKindCode.Image, action.url];
    case 'script':
      return [TagKindCode.Script, action.src];
    case 'html':
      return [TagKindCode.Html, action.html];
    default:
      return [TagKindCode.Vendor, ''];
  }
}

/** Matches nothing: `none` of a group that always holds. A tag whose audience is gone must not fire for everyone. */
const NEVER: CompiledGroup = [GroupCode.None, [GroupCode.All]];

/** The tag's own conditions, and every audience it requires, all of which must hold. */
function tagCondition(tag: Tag, audiences: Map<string, Audience>): CompiledGroup {
  const own = compactGroup(tag.conditions);
  if (!tag.audienceIds.length) return own;
  const required = tag.audienceIds.map((id) => audiences.get(id));
  if (required.some((audience) => !audience)) return NEVER;
  return [GroupCode.All, own, ...required.map((audience) => compactGroup((audience as Audience).conditions))];
}

function compileTag(tag: Tag, timeZone: string, audiences: Map<string, Audience>): CompiledTag {
  const [kind, payload] = actionPayload(tag.action);
  const compiled: CompiledTag = {
    [K.TagId]: tag.id,
    [K.TagKind]: kind,
    [K.TagUrl]: payload,
    [K.TagCondition]: tagCondition(tag, audiences),
    [K.TagTrigger]: compileTrigger(tag.trigger),
    [K.TagCap]: compileCap(tag.cap),
    [K.TagConsent]: tag.consent,
  };
  const schedule = compileSchedule(tag.schedule, timeZone);
  if (schedule) compiled[K.TagSchedule] = schedule;
  return compiled;
}

const CONSENT_MODES = { none: ConsentModeCode.None, optIn: ConsentModeCode.OptIn, optOut: ConsentModeCode.OptOut } as const;

/** True when the tag's campaign is over at `now`: such tags are left out of the container. */
function ended(tag: Tag, timeZone: string, now: number): boolean {
  return tag.schedule.end !== null && wallTimeToInstant(tag.schedule.end, timeZone) <= now;
}

/**
 * Only tags that can still fire are shipped (active, campaign not over), highest priority first;
 * ties keep creation order.
 */
export function compileConfig(siteKey: string, snapshot: SiteSnapshot, now: number = Date.now()): CompiledConfig {
  const { site } = snapshot;
  const audiences = new Map((snapshot.audiences ?? []).map((audience) => [audience.id, audience]));
  const tags = snapshot.tags
    .filter((tag) => tag.status === 'active' && !ended(tag, site.timeZone, now))
    .map((tag, index) => ({ tag, index }))
    .sort((a, b) => b.tag.priority - a.tag.priority || a.index - b.index)
    .map(({ tag }) => compileTag(tag, site.timeZone, audiences));
  return {
    [K.SiteKey]: siteKey,
    [K.HonorDnt]: site.privacy.honorDnt,
    [K.HonorGpc]: site.privacy.honorGpc,
    [K.Collect]: site.collect,
    [K.ConsentMode]: CONSENT_MODES[site.privacy.consentMode],
    [K.MaxFires]: site.maxFiresPerPage ?? 0,
    [K.TimeZone]: site.timeZone,
    [K.Country]: site.countryHeader ? COUNTRY_SLOT : '',
    [K.Tags]: tags,
  };
}

export interface Container {
  script: string;
  etag: string;
}

/** Vendor templates' code, keyed by tag id, for the tags the config ships. */
function vendorCode(snapshot: SiteSnapshot, config: CompiledConfig, hosts: VendorHosts): string {
  const shipped = new Set(config[K.Tags].map((tag) => tag[K.TagId]));
  const entries = snapshot.tags
    .filter((tag) => shipped.has(tag.id) && isVendorAction(tag.action))
    .map((tag) => `${scriptSafeJson(tag.id)}:${vendorFunction(tag.action as VendorAction, hosts)}`);
  return `{${entries.join(',')}}`;
}

export interface CompileOptions {
  vendorHosts?: VendorHosts;
  /** The compile time; campaigns that ended before it are left out. */
  now?: number;
  /** Builds a preview container: the debug runtime, told what is previewed and until when. */
  preview?: { label: string; expiresAt: number };
}

/** What the debug panel needs to explain each tag in words: every tag of the snapshot, shipped or not, in the form people edited. */
function debugInfo(snapshot: SiteSnapshot, config: CompiledConfig, preview: { label: string; expiresAt: number }): DebugInfo {
  const shipped = new Set(config[K.Tags].map((tag) => tag[K.TagId]));
  const audiences = new Map((snapshot.audiences ?? []).map((audience) => [audience.id, audience]));
  return {
    label: preview.label,
    expiresAt: preview.expiresAt,
    timeZone: snapshot.site.timeZone,
    privacy: snapshot.site.privacy,
    maxFiresPerPage: snapshot.site.maxFiresPerPage,
    tags: snapshot.tags.map((tag) => ({
      id: tag.id,
      name: tag.name,
      status: tag.status,
      shipped: shipped.has(tag.id),
      priority: tag.priority,
      trigger: tag.trigger,
      conditions: tag.conditions,
      cap: tag.cap,
      schedule: tag.schedule,
      consent: tag.consent,
      audiences: tag.audienceIds.map((id) => {
        const audience = audiences.get(id);
        return audience ? { id, name: audience.name, conditions: audience.conditions } : { id, name: null, conditions: null };
      }),
    })),
  };
}

export function compileContainer(siteKey: string, snapshot: SiteSnapshot, options: CompileOptions = {}): Container {
  const compiled = compileConfig(siteKey, snapshot, options.now);
  const config = scriptSafeJson(compiled);
  const vendors = vendorCode(snapshot, compiled, options.vendorHosts ?? DEFAULT_VENDOR_HOSTS);
  // The outer try/catch is the last line of defence: nothing the container does may throw into the page.
  const script = options.preview
    ? `/*! Pixeltag preview */!function(__pt,__pv,__pd){try{${previewRuntime()}}catch(e){}}(${config},${vendors},${scriptSafeJson(debugInfo(snapshot, compiled, options.preview))});\n`
    : `/*! Pixeltag */!function(__pt,__pv){try{${runtime()}}catch(e){}}(${config},${vendors});\n`;
  return { script, etag: `"${createHash('sha256').update(script).digest('base64url').slice(0, 32)}"` };
}
