import type { Config } from './env.schema';

/**
 * The validated configuration as an injectable value: apps bind it with
 * `{ provide: AppConfig, useValue: new AppConfig(loadConfig()) }` and inject the class, which
 * avoids string or Symbol tokens (CONVENTIONS.md #4).
 */
export class AppConfig {
  constructor(readonly values: Readonly<Config>) {}
}
