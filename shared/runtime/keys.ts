// The compact container config: short keys and codes shared by the compiler (which writes them)
// and the runtime (which reads them), so the two can never disagree. esbuild inlines enum
// members, so none of these names reach the visitor's browser.

/** Keys of the compiled config object and of each compiled tag. */
export enum K {
  SiteKey = 'k',
  Tags = 't',
  HonorDnt = 'd',
  HonorGpc = 'g',
  Collect = 'o',
  ConsentMode = 'a',
  MaxFires = 'f',
  TimeZone = 'z',
  /** The visitor's country, filled in per request at delivery when the site names a trusted header. */
  Country = 'C',
  TagId = 'i',
  TagKind = 'n',
  /** The image URL, script src or HTML, by kind. */
  TagUrl = 'u',
  TagCondition = 'c',
  TagTrigger = 'r',
  TagCap = 'm',
  TagSchedule = 'w',
  TagConsent = 'x',
}

export enum TagKindCode {
  Image = 1,
  Script = 2,
  Html = 3,
  /** A vendor template: its code travels beside the config, keyed by tag id. */
  Vendor = 4,
}

export enum TriggerCode {
  PageView = 0,
  DomReady = 1,
  Load = 2,
  Click = 3,
  Submit = 4,
  Event = 5,
  History = 6,
  Timer = 7,
  Scroll = 8,
  Visible = 9,
}
/** `[code, selector | event name | seconds | percent]`. */
export type CompiledTrigger = [TriggerCode, (string | number)?];

export enum CapCode {
  Unlimited = 0,
  Page = 1,
  Session = 2,
  Visitor = 3,
  Window = 4,
}
/** `[code, count, windowMs]` for windows, `[code]` otherwise. */
export type CompiledCap = [CapCode, number?, number?];

/** `[startMs, endMs, weekdayMask, fromHour, toHour]`; 0 start/end and mask 0 mean no limit. */
export type CompiledSchedule = [number, number, number, number, number];

export enum ConsentModeCode {
  None = 0,
  OptIn = 1,
  OptOut = 2,
}

/** Sentinel the compiler writes for the country; delivery replaces it per request. */
export const COUNTRY_SLOT = '\u0000country\u0000';

/** A compiled condition: a group is `[GroupCode, ...children]`, a rule is `[VarCode, OpCode, value, arg?]`. */
export enum GroupCode {
  All = 0,
  Any = 1,
  None = 2,
}

export enum VarCode {
  PageUrl = 'u',
  PageHost = 'h',
  PagePath = 'p',
  PageQuery = 'q',
  PageHash = 'f',
  PageTitle = 't',
  ReferrerUrl = 'r',
  ReferrerHost = 'R',
  UtmSource = '1',
  UtmMedium = '2',
  UtmCampaign = '3',
  UtmTerm = '4',
  UtmContent = '5',
  DeviceType = 'D',
  Browser = 'B',
  Os = 'O',
  Language = 'L',
  ScreenWidth = 'W',
  VisitorType = 'N',
  VisitorSessions = 'S',
  SessionPageviews = 'P',
  SessionSeconds = 'T',
  Cookie = 'c',
  DataLayer = 'd',
  Event = 'E',
  Country = 'C',
  Consent = 'G',
  Sample = 'X',
  Weekday = 'Y',
  Hour = 'H',
}

/** Variables compared case-insensitively (see CASE_INSENSITIVE_VARIABLES), as one string of codes. */
export const CASE_INSENSITIVE_CODES = 'hR12345DBOLNCGY';

export enum OpCode {
  Equals = 'eq',
  NotEquals = 'ne',
  Contains = 'co',
  NotContains = 'nc',
  StartsWith = 'sw',
  EndsWith = 'ew',
  Wildcard = 'wc',
  Regex = 're',
  InList = 'in',
  LessThan = 'lt',
  GreaterThan = 'gt',
  Between = 'bt',
  Exists = 'ex',
  NotExists = 'nx',
}

export type CompiledRule = [VarCode, OpCode, string | string[] | number | [number, number], string?];
export type CompiledGroup = [GroupCode, ...CompiledCondition[]];
export type CompiledCondition = CompiledRule | CompiledGroup;

export interface CompiledTag {
  [K.TagId]: string;
  [K.TagKind]: TagKindCode;
  [K.TagUrl]: string;
  [K.TagCondition]: CompiledGroup;
  [K.TagTrigger]: CompiledTrigger;
  [K.TagCap]: CompiledCap;
  /** Absent when the tag may fire at any time. */
  [K.TagSchedule]?: CompiledSchedule;
  [K.TagConsent]: string;
}

export interface CompiledConfig {
  [K.SiteKey]: string;
  [K.HonorDnt]: boolean;
  [K.HonorGpc]: boolean;
  [K.Collect]: boolean;
  [K.ConsentMode]: ConsentModeCode;
  /** 0 for no limit. */
  [K.MaxFires]: number;
  [K.TimeZone]: string;
  [K.Country]: string;
  /** Already sorted by priority, highest first. */
  [K.Tags]: CompiledTag[];
}

/** What came of one attempt to fire a tag; the preview's debug panel explains each in words. */
export enum Outcome {
  Fired = 0,
  OptedOut = 1,
  PageLimit = 2,
  Schedule = 3,
  Cap = 4,
  Rules = 5,
  Consent = 6,
  Failed = 7,
}

/** The localStorage key a live container keeps a preview link's token under, in that browser only. */
export const PREVIEW_STORAGE_KEY = 'pixeltag_preview';
