/** @toolgate/pipeline: the conflict pipeline. Pure TypeScript: no framework, database, network or file I/O. */
export * from './model';
export * from './text';
