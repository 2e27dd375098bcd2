import { type Embedder, LocalEmbedder, makeTool } from '@toolgate/pipeline';
import { MAX_CACHED_ENVIRONMENTS, ToolIndexCache, type VersionedTool } from './tool-index.cache';

/** The local embedder, counting the texts it is asked to embed. */
function countingEmbedder(): { embedder: Embedder; embedded: () => number } {
  const inner = new LocalEmbedder();
  let count = 0;
  const embedder: Embedder = {
    ...inner,
    dimensions: inner.dimensions,
    embed: (texts: string[]) => {
      count += texts.length;
      return inner.embed(texts);
    },
  } as Embedder;
  return { embedder, embedded: () => count };
}

function tool(server: string, name: string, versionId: string, description = `Does ${name}`): VersionedTool {
  return { versionId, tool: makeTool(server, { name, description, inputSchema: { type: 'object' } }) };
}

describe('ToolIndexCache', () => {
  it('embeds only new and changed versions on the next job, and drops removed tools', async () => {
    const { embedder, embedded } = countingEmbedder();
    const cache = new ToolIndexCache(() => embedder);
    const v1 = [tool('a', 'create_task', 'v1'), tool('a', 'list_tasks', 'v2'), tool('b', 'get_weather', 'v3')];

    const first = await cache.withIndex('env-1', true, v1, (index, sync) => ({ size: index.size, sync }));
    expect(first).toEqual({ size: 3, sync: { reused: 0, upserted: 3, removed: 0 } });
    expect(embedded()).toBe(3);

    const v2 = [tool('a', 'create_task', 'v1'), tool('b', 'get_weather', 'v9', 'Weather now'), tool('c', 'send_mail', 'v4')];
    const second = await cache.withIndex('env-1', true, v2, (index, sync) => ({ keys: [...index.values()].map((t) => t.tool.key).sort(), sync }));
    expect(second.sync).toEqual({ reused: 1, upserted: 2, removed: 1 });
    expect(second.keys).toEqual(['a/create_task', 'b/get_weather', 'c/send_mail']);
    expect(embedded()).toBe(5);
  });

  it('keeps one index per environment and forgets the least recently used beyond the limit', async () => {
    const built: number[] = [];
    const cache = new ToolIndexCache(() => new LocalEmbedder());
    for (let i = 0; i <= MAX_CACHED_ENVIRONMENTS; i++) {
      await cache.withIndex(`env-${i}`, false, [tool('s', 't', 'v1')], (_index, sync) => built.push(sync.upserted));
    }
    // env-0 was evicted (rebuilt), env-1 is still cached (reused).
    const again = await Promise.all(['env-0', `env-${MAX_CACHED_ENVIRONMENTS}`].map((env) => cache.withIndex(env, false, [tool('s', 't', 'v1')], (_i, sync) => sync.upserted)));
    expect(again).toEqual([1, 0]);
    expect(built.every((n) => n === 1)).toBe(true);
  });

  it('runs jobs for one environment one at a time', async () => {
    const cache = new ToolIndexCache();
    const order: string[] = [];
    const slow = cache.withIndex('env', false, [tool('s', 't', 'v1')], async () => {
      order.push('first:start');
      await new Promise((resolve) => setTimeout(resolve, 20));
      order.push('first:end');
    });
    const fast = cache.withIndex('env', false, [tool('s', 't', 'v2')], () => {
      order.push('second');
    });
    await Promise.all([slow, fast]);
    expect(order).toEqual(['first:start', 'first:end', 'second']);
  });
});
