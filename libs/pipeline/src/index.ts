/** @toolgate/pipeline: the conflict pipeline. Pure TypeScript: no framework, database, network or file I/O. */
export * from './model';
export * from './text';
export * from './input';
export * from './lexical';
export * from './schema';
export * from './scan';
export * from './semantic';
export * from './routing';
export * from './recommendations';
export * from './analysis';
export * from './definition-diff';
