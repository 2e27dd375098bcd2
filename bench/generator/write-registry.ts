/** Writes a generated registry as one `{ server, source, tools }` JSON file per server, as `toolgate check` reads. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GeneratedRegistry } from './generate-registry';

export function writeRegistry(dir: string, registry: GeneratedRegistry): { files: number } {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const server of registry.servers) {
    const document = { server: server.server, source: `generated:seed=${registry.seed}`, tools: server.tools };
    writeFileSync(path.join(dir, `${server.server}.json`), JSON.stringify(document));
  }
  return { files: registry.servers.length };
}
