import { LexicalIndex, nameFeatures, type NameFeatures } from '../lexical';
import { schemaFeatures, type SchemaFeatures } from '../schema';
import { fingerprintText, VectorIndex, type VectorIndexOptions } from '../semantic';
import type { Embedder } from '../model/providers';
import type { Tool } from '../model/tool';

/** A tool with every feature the stages need, computed once. */
export interface IndexedTool {
  tool: Tool;
  name: NameFeatures;
  schema: SchemaFeatures;
  /** Embedding of the fingerprint text; absent when the semantic stage is off. */
  vector?: Float32Array;
}

/**
 * Floor for "nearest tools" (routing context, routing shift): tools below it share almost nothing
 * with the query, and a floor lets the vector index's sketch filter skip them cheaply.
 */
const NEAREST_TOOLS_MIN_COSINE = 0.2;

export interface NeighbourOptions {
  semanticNeighbours: number;
  minCosine: number;
}

/**
 * The registry's in-memory indexes: lexical (names) and vector (descriptions). Incremental, so a
 * long-lived process (the worker, the API's CI gate) updates it per registration instead of
 * rebuilding it per job.
 */
export class ToolIndex {
  private readonly tools = new Map<string, IndexedTool>();
  private readonly lexical = new LexicalIndex();
  private readonly vectors: VectorIndex | undefined;

  constructor(
    private readonly embedder?: Embedder,
    vectorIndexOptions?: VectorIndexOptions,
  ) {
    this.vectors = embedder ? new VectorIndex(embedder.dimensions, vectorIndexOptions) : undefined;
  }

  get size(): number {
    return this.tools.size;
  }

  get(key: string): IndexedTool | undefined {
    return this.tools.get(key);
  }

  values(): IterableIterator<IndexedTool> {
    return this.tools.values();
  }

  /**
   * Features of a patched copy of an indexed tool: name and schema features are reused when the
   * patch leaves the name or the input schema alone (recommendation drafts mostly touch one field).
   */
  async preparePatched(original: IndexedTool, patched: Tool): Promise<IndexedTool> {
    const before = original.tool.definition;
    const after = patched.definition;
    const vectors = this.embedder ? await this.embedder.embed([fingerprintText(patched)]) : undefined;
    return {
      tool: patched,
      name: after.name === before.name ? original.name : nameFeatures(after.name),
      schema: after.inputSchema === before.inputSchema ? original.schema : schemaFeatures(after),
      vector: vectors?.[0],
    };
  }

  /** Computes features for tools without inserting them (for candidates and patched tools). */
  async prepare(tools: readonly Tool[]): Promise<IndexedTool[]> {
    const vectors = this.embedder ? await this.embedder.embed(tools.map(fingerprintText)) : undefined;
    return tools.map((tool, i) => ({
      tool,
      name: nameFeatures(tool.definition.name),
      schema: schemaFeatures(tool.definition),
      vector: vectors?.[i],
    }));
  }

  /** Adds or replaces tools (same key = new version of the tool). */
  async upsert(tools: readonly Tool[]): Promise<IndexedTool[]> {
    const prepared = await this.prepare(tools);
    for (const item of prepared) this.insert(item);
    return prepared;
  }

  insert(item: IndexedTool): void {
    if (this.tools.has(item.tool.key)) this.remove(item.tool.key);
    this.tools.set(item.tool.key, item);
    this.lexical.add(item.tool.key, item.name);
    if (item.vector && this.vectors) this.vectors.add(item.tool.key, item.vector);
  }

  remove(key: string): boolean {
    if (!this.tools.delete(key)) return false;
    this.lexical.remove(key);
    this.vectors?.remove(key);
    return true;
  }

  /** Keys of tools that may conflict with `item`: lexical candidates plus nearest descriptions. */
  neighbours(item: IndexedTool, options: NeighbourOptions): Set<string> {
    const keys = new Set(this.lexical.candidates(item.name, item.tool.key));
    if (item.vector && this.vectors && options.semanticNeighbours > 0) {
      const near = this.vectors.nearest(item.vector, {
        k: options.semanticNeighbours,
        minScore: options.minCosine,
        excludeKey: item.tool.key,
      });
      for (const hit of near) keys.add(hit.key);
    }
    keys.delete(item.tool.key);
    return keys;
  }

  /** The `k` most similar tools by description, for routing context. */
  nearestTools(item: IndexedTool, k: number, minScore = NEAREST_TOOLS_MIN_COSINE): IndexedTool[] {
    if (!item.vector || !this.vectors) return [];
    return this.vectors
      .nearest(item.vector, { k, minScore, excludeKey: item.tool.key })
      .map((hit) => this.tools.get(hit.key))
      .filter((t): t is IndexedTool => t !== undefined);
  }
}
