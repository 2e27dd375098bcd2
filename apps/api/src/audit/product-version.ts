import { readFileSync } from 'node:fs';
import path from 'node:path';

let cached: string | undefined;

/**
 * The Toolgate version (CEF's Device Version): the `version` of the repository's package.json, found by
 * walking up from this file so it works from source (Jest, swc-register) and from dist/ alike.
 */
export function productVersion(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'toolgate' && pkg.version) return (cached = pkg.version);
    } catch {
      // No package.json here: keep walking up.
    }
    if (path.dirname(dir) === dir) return (cached = '0.0.0');
  }
}
