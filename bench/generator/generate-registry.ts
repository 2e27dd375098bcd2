/**
 * Seeded generator of realistic MCP registries with a known share of planted confusable pairs.
 * Same options → byte-identical output. Base tool names are unique across the whole registry (a real
 * 50k-tool registry is mostly distinct), so every near-duplicate a detector should flag for sure is planted.
 */
import type { ToolDefinition, ToolRef } from '@toolgate/pipeline';
import { PLANT_KINDS, plantTwin, type PlantKind } from './planting';
import { createRng, type Rng } from './prng';
import { makeTool, type GeneratedTool, type NameStyle } from './tool-factory';
import { DOMAIN_LIST, QUALIFIERS, VENDORS, VERBS, type Domain } from './vocabulary';

export interface GenerateOptions {
  /** Total tools, planted twins included. */
  tools: number;
  seed?: number | string;
  /** Share of tools that are planted twins, in [0, 0.5]. Default 0.05. */
  plantedShare?: number;
  /** Kinds to plant, round-robin. Default: all. */
  kinds?: readonly PlantKind[];
}

export interface PlantedPair {
  kind: PlantKind;
  a: ToolRef;
  b: ToolRef;
}

export interface GeneratedServer {
  server: string;
  tools: ToolDefinition[];
}

export interface GeneratedRegistry {
  seed: number | string;
  servers: GeneratedServer[];
  planted: PlantedPair[];
}

interface ServerSlot {
  name: string;
  vendor: string;
  style: NameStyle;
  product: string;
  domain: Domain;
  tools: GeneratedTool[];
}

/** Lazily shuffled pool of (object, verb, qualifier) combinations per domain, drawn without replacement. */
class ComboPool {
  private readonly pools = new Map<string, number[]>();
  constructor(private readonly rng: Rng) {}

  draw(domain: Domain): [number, number, number] | undefined {
    let pool = this.pools.get(domain.key);
    if (!pool) {
      pool = [];
      const size = domain.objects.length * VERBS.length * QUALIFIERS.length;
      for (let i = 0; i < size; i++) pool.push(i);
      this.rng.shuffle(pool);
      this.pools.set(domain.key, pool);
    }
    const code = pool.pop();
    if (code === undefined) return undefined;
    const q = code % QUALIFIERS.length;
    const rest = Math.floor(code / QUALIFIERS.length);
    return [Math.floor(rest / VERBS.length), rest % VERBS.length, q];
  }
}

function pickStyle(rng: Rng): NameStyle {
  const r = rng.next();
  return r < 0.75 ? 'snake' : r < 0.87 ? 'camel' : r < 0.95 ? 'kebab' : 'prefixed';
}

function buildServers(rng: Rng, baseCount: number): ServerSlot[] {
  const pool = new ComboPool(rng);
  const usedNames = new Set<string>();
  const usedKeys = new Set<string>();
  const servers: ServerSlot[] = [];
  let live = [...DOMAIN_LIST];
  let made = 0;
  while (made < baseCount) {
    if (live.length === 0) throw new Error(`vocabulary exhausted after ${made} tools`);
    const domain = rng.pick(live);
    const vendor = rng.pick(VENDORS);
    let name = `${vendor}-${domain.key}`;
    for (let n = 2; usedNames.has(name); n++) name = `${vendor}-${domain.key}-${n}`;
    usedNames.add(name);
    const cap = vendor[0].toUpperCase() + vendor.slice(1);
    const slot: ServerSlot = { name, vendor, style: pickStyle(rng), product: `${cap} ${domain.product.replace(/^the /, '')}`, domain, tools: [] };
    // Real servers are mostly small with a long tail (1 tool … a few dozen).
    const size = Math.min(baseCount - made, rng.chance(0.15) ? rng.range(20, 60) : rng.range(2, 20));
    while (slot.tools.length < size) {
      const combo = pool.draw(domain);
      if (!combo) {
        live = live.filter((d) => d !== domain);
        break;
      }
      const [o, v, q] = combo;
      const verb = VERBS[v];
      const qualifier = QUALIFIERS[q];
      if (qualifier === 'archived' && (verb.verb === 'archive' || verb.verb === 'restore')) continue;
      const object = domain.objects[o];
      const key = `${verb.verb}|${qualifier}|${object.noun}`;
      if (usedKeys.has(key)) continue;
      usedKeys.add(key);
      slot.tools.push(makeTool(rng, slot, domain, verb, qualifier, object));
    }
    made += slot.tools.length;
    if (slot.tools.length > 0) servers.push(slot);
  }
  return servers;
}

/** Twins mostly land in a server of the same domain (two CRMs, two help desks), as they do in real registries. */
function pickTarget(rng: Rng, a: GeneratedTool, servers: readonly ServerSlot[], byDomain: ReadonlyMap<string, ServerSlot[]>): ServerSlot | undefined {
  const sameDomain = (byDomain.get(a.domain.key) ?? []).filter((s) => s.name !== a.server);
  if (sameDomain.length > 0 && rng.chance(0.8)) return rng.pick(sameDomain);
  for (let tries = 0; tries < 8 && servers.length > 1; tries++) {
    const s = rng.pick(servers);
    if (s.name !== a.server) return s;
  }
  return undefined;
}

/** Generates a registry of exactly `options.tools` tools, `round(tools × plantedShare)` of them planted twins. */
export function generateRegistry(options: GenerateOptions): GeneratedRegistry {
  const seed = options.seed ?? 1;
  const share = options.plantedShare ?? 0.05;
  if (share < 0 || share > 0.5) throw new Error('plantedShare must be in [0, 0.5]');
  const kinds = options.kinds ?? PLANT_KINDS;
  const rng = createRng(seed);
  const plantedCount = Math.round(options.tools * share);
  const servers = buildServers(rng, options.tools - plantedCount);
  const all = servers.flatMap((s) => s.tools);
  const names = new Map(servers.map((s) => [s.name, new Set(s.tools.map((t) => t.definition.name))]));
  const globalNames = new Set(all.map((t) => t.definition.name));
  const bySlot = new Map(servers.map((s) => [s.name, s]));
  const byDomain = new Map<string, ServerSlot[]>();
  for (const s of servers) byDomain.set(s.domain.key, [...(byDomain.get(s.domain.key) ?? []), s]);
  const twins = new Map<string, ToolDefinition[]>();
  const planted: PlantedPair[] = [];
  const order = rng.shuffle(all.map((_, i) => i));
  for (let i = 0; planted.length < plantedCount; i++) {
    if (i >= order.length) throw new Error('not enough base tools to plant into');
    const a = all[order[i]];
    const kind = kinds[planted.length % kinds.length];
    const target = pickTarget(rng, a, servers, byDomain) ?? bySlot.get(a.server)!;
    const twin = plantTwin(rng, a, kind, target.product);
    const targetNames = names.get(target.name)!;
    // A twin must be a new name (except exact collisions, which are the point) and unique in its server.
    if (targetNames.has(twin.name) || (kind !== 'exact' && globalNames.has(twin.name))) continue;
    targetNames.add(twin.name);
    globalNames.add(twin.name);
    twins.set(target.name, [...(twins.get(target.name) ?? []), twin]);
    planted.push({ kind, a: { server: a.server, tool: a.definition.name }, b: { server: target.name, tool: twin.name } });
  }
  return {
    seed,
    planted,
    servers: servers.map((s) => {
      const tools = s.tools.map((t) => t.definition);
      // Twins go to seeded positions, not the end, so file order reveals nothing.
      for (const twin of twins.get(s.name) ?? []) tools.splice(rng.int(tools.length + 1), 0, twin);
      return { server: s.name, tools };
    }),
  };
}
