// The single source of every type: entities, the rule language and API inputs.
export * from './common';
export * from './rules';
export * from './actions';
export * from './targeting';
export * from './audiences';
export * from './entities';
export * from './inputs';
export * from './publishing';
