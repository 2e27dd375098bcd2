import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

export interface PackageInfo {
  version: string;
  informationUri: string;
}

/** Used when package.json names no homepage (SARIF needs an absolute URI for the tool). */
const FALLBACK_URI = 'https://www.npmjs.com/package/toolgate';

/**
 * Reads the root package.json. Walking up works the same from `apps/cli/src` (tests) and from
 * `dist/apps/cli/src` (the built CLI), which sit at different depths.
 */
export function readPackageInfo(from: string = __dirname): PackageInfo {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string; homepage?: string };
      if (pkg.name === 'toolgate') return { version: pkg.version ?? '0.0.0', informationUri: pkg.homepage ?? FALLBACK_URI };
    }
    if (path.dirname(dir) === dir) return { version: '0.0.0', informationUri: FALLBACK_URI };
  }
}
