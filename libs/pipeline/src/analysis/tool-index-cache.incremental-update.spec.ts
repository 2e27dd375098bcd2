import type { Embedder } from '../model/providers';
import { makeTool } from '../model/tool';
import { LocalEmbedder } from '../semantic';
import { MAX_CACHED_ENVIRONMENTS, type RegistryChanges, type RegistrySource, ToolIndexCache, type VersionedTool } from './tool-index-cache';

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

  describe('read (revision-based, for the CI gate)', () => {
    /** An in-memory registry with a revision counter and a change log, counting what the cache asks for. */
    function memorySource(initial: VersionedTool[]) {
      let revision = 1;
      const tools = new Map(initial.map((t) => [t.tool.key, t]));
      const log: { revision: number; key: string }[] = [];
      const calls = { revision: 0, load: 0, changesSince: 0 };
      const source: RegistrySource = {
        revision: async () => {
          calls.revision++;
          return String(revision);
        },
        load: async () => {
          calls.load++;
          await new Promise((resolve) => setTimeout(resolve, 5));
          return { revision: String(revision), tools: [...tools.values()] };
        },
        changesSince: async (since): Promise<RegistryChanges | undefined> => {
          calls.changesSince++;
          await new Promise((resolve) => setTimeout(resolve, 5));
          const keys = new Set(log.filter((e) => e.revision > Number(since)).map((e) => e.key));
          return {
            revision: String(revision),
            upserted: [...keys].filter((k) => tools.has(k)).map((k) => tools.get(k)!),
            removed: [...keys].filter((k) => !tools.has(k)),
          };
        },
      };
      return {
        source,
        calls,
        put(t: VersionedTool) {
          tools.set(t.tool.key, t);
          log.push({ revision: ++revision, key: t.tool.key });
        },
        remove(key: string) {
          tools.delete(key);
          log.push({ revision: ++revision, key });
        },
      };
    }
    const keysOf = (index: { values(): IterableIterator<{ tool: { key: string } }> }) => [...index.values()].map((t) => t.tool.key).sort();

    it('loads once, then applies only the changes since its revision (embedding only those)', async () => {
      const { embedder, embedded } = countingEmbedder();
      const cache = new ToolIndexCache(() => embedder);
      const registry = memorySource([tool('a', 'create_task', 'v1'), tool('a', 'list_tasks', 'v2'), tool('b', 'get_weather', 'v3')]);

      const first = await cache.read('env', true, registry.source, (index, { revision, sync }) => ({ keys: keysOf(index), read: { revision, sync } }));
      expect(first.read).toEqual({ revision: '1', sync: { reused: 0, upserted: 3, removed: 0 } });
      expect(embedded()).toBe(3);

      // Unchanged registry: no load, no embedding, only the revision read.
      const again = await cache.read('env', true, registry.source, (_index, { revision, sync }) => ({ revision, sync }));
      expect(again).toEqual({ revision: '1', sync: undefined });
      expect(registry.calls).toEqual({ revision: 2, load: 1, changesSince: 0 });

      registry.put(tool('b', 'get_weather', 'v9', 'Weather right now'));
      registry.remove('a/list_tasks');
      registry.put(tool('c', 'send_mail', 'v4'));
      const third = await cache.read('env', true, registry.source, (index, { revision, sync, serverTools }) => ({ keys: keysOf(index), read: { revision, sync }, b: [...serverTools('b')].map((t) => t.definition.description), a: [...serverTools('a')].map((t) => t.key) }));
      expect(third.keys).toEqual(['a/create_task', 'b/get_weather', 'c/send_mail']);
      expect(third.read).toEqual({ revision: '4', sync: { reused: 1, upserted: 2, removed: 1 } });
      // The per-server view follows the index: the new version of b's tool, a's removed tool gone.
      expect(third.b).toEqual(['Weather right now']);
      expect(third.a).toEqual(['a/create_task']);
      expect(embedded()).toBe(5);
      expect(registry.calls.load).toBe(1);
      expect(registry.calls.changesSince).toBe(1);
    });

    it('shares one refresh between concurrent reads of a stale environment (single flight)', async () => {
      const cache = new ToolIndexCache();
      const registry = memorySource([tool('a', 'create_task', 'v1')]);
      await cache.read('env', false, registry.source, () => undefined);
      registry.put(tool('a', 'delete_task', 'v2'));

      const sizes = await Promise.all(Array.from({ length: 20 }, () => cache.read('env', false, registry.source, (index) => index.size)));
      expect(sizes).toEqual(Array(20).fill(2));
      expect(registry.calls.changesSince).toBe(1);
      expect(registry.calls.load).toBe(1);
    });

    it('never changes the index under a read in progress: the refresh waits for it', async () => {
      const cache = new ToolIndexCache();
      const registry = memorySource([tool('a', 'create_task', 'v1')]);
      await cache.read('env', false, registry.source, () => undefined);
      let release!: () => void;
      const slowRead = cache.read('env', false, registry.source, async (index) => {
        const before = index.size;
        await new Promise<void>((resolve) => (release = resolve));
        return [before, index.size];
      });
      await new Promise((resolve) => setTimeout(resolve, 1));
      registry.put(tool('a', 'delete_task', 'v2'));
      const fresh = cache.read('env', false, registry.source, (index) => index.size);
      // Give the refresh time to fetch its changes: it must still be waiting for the slow read.
      await new Promise((resolve) => setTimeout(resolve, 30));
      release();
      expect(await slowRead).toEqual([1, 1]);
      expect(await fresh).toBe(2);
    });

    it('reloads everything when the source cannot list changes since the cached revision', async () => {
      const cache = new ToolIndexCache();
      const registry = memorySource([tool('a', 'create_task', 'v1')]);
      await cache.read('env', false, registry.source, () => undefined);
      registry.put(tool('a', 'delete_task', 'v2'));
      const source: RegistrySource = { ...registry.source, changesSince: async () => undefined };
      const read = await cache.read('env', false, source, (index, { revision, sync }) => ({ size: index.size, r: { revision, sync } }));
      expect(read).toEqual({ size: 2, r: { revision: '2', sync: { reused: 1, upserted: 1, removed: 0 } } });
      expect(registry.calls.load).toBe(2);
    });
  });
});
