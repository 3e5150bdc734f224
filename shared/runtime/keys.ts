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
  TagId = 'i',
  TagKind = 'n',
  TagUrl = 'u',
  TagCondition = 'c',
}

export enum TagKindCode {
  Image = 1,
}

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
  Cookie = 'c',
  DataLayer = 'd',
}

export enum OpCode {
  Equals = 'eq',
  NotEquals = 'ne',
  Contains = 'co',
  StartsWith = 'sw',
  EndsWith = 'ew',
  Wildcard = 'wc',
  InList = 'in',
  LessThan = 'lt',
  GreaterThan = 'gt',
  Exists = 'ex',
  NotExists = 'nx',
}

export type CompiledRule = [VarCode, OpCode, string | string[] | number, string?];
export type CompiledGroup = [GroupCode, ...CompiledCondition[]];
export type CompiledCondition = CompiledRule | CompiledGroup;

export interface CompiledTag {
  [K.TagId]: string;
  [K.TagKind]: TagKindCode;
  [K.TagUrl]: string;
  [K.TagCondition]: CompiledGroup;
}

export interface CompiledConfig {
  [K.SiteKey]: string;
  [K.HonorDnt]: boolean;
  [K.HonorGpc]: boolean;
  [K.Collect]: boolean;
  /** Already sorted by priority, highest first. */
  [K.Tags]: CompiledTag[];
}
