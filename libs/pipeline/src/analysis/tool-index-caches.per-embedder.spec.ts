import type { Embedder } from '../model/providers';
import { makeTool } from '../model/tool';
import { LocalEmbedder } from '../semantic';
import { ToolIndexCaches } from './tool-index-caches';

/** The local embedder, counting the texts it embeds. */
function countingEmbedder(): { embedder: Embedder; embedded: () => number } {
  const inner = new LocalEmbedder();
  let count = 0;
  const embedder = { model: inner.model, dimensions: inner.dimensions, embed: (texts: readonly string[]) => ((count += texts.length), inner.embed(texts)) } as Embedder;
  return { embedder, embedded: () => count };
}

const registry = [{ versionId: 'v1', tool: makeTool('s', { name: 'create_task', description: 'Create a task', inputSchema: { type: 'object' } }) }];

describe('ToolIndexCaches', () => {
  it('keeps the same environment apart per embedder: an index built by one embedder is never reused by another', async () => {
    const caches = new ToolIndexCaches();
    const deployment = countingEmbedder();
    const overridden = countingEmbedder();
    expect(caches.for(deployment.embedder)).toBe(caches.for(deployment.embedder));

    const first = await caches.for(deployment.embedder).withIndex('env-1', true, registry, (_index, sync) => sync.upserted);
    // Same environment and versions, another embedder: built (and embedded) again, by that embedder only.
    const second = await caches.for(overridden.embedder).withIndex('env-1', true, registry, (_index, sync) => sync.upserted);
    const again = await caches.for(deployment.embedder).withIndex('env-1', true, registry, (_index, sync) => sync.upserted);
    expect([first, second, again]).toEqual([1, 1, 0]);
    expect([deployment.embedded(), overridden.embedded()]).toEqual([1, 1]);
  });
});
