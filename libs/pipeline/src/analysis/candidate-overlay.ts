import { LexicalIndex } from '../lexical';
import { VectorArena } from '../semantic/vector-arena';
import type { Tool } from '../model/tool';
import { ToolIndex, type IndexedTool, type NeighbourOptions } from './tool-index';

/** Same floor as ToolIndex.nearestTools. */
const NEAREST_TOOLS_MIN_COSINE = 0.2;

interface Hit {
  key: string;
  score: number;
}

/**
 * A read-only view of "the registry with the candidates applied" over a shared, pre-built ToolIndex,
 * without mutating it: lookups go to the base index (skipping the tools a candidate replaces: same
 * server + name) and to a small throwaway index of the candidates, and the answers are merged the way
 * one index holding both would answer them (vector hits by score then key, top k).
 *
 * The candidates' own vectors are scored exactly, with the base index's quantised dot product, so
 * scores agree with the base index's to the last bit; a single index of the same size would find
 * candidate-vs-candidate neighbours through LSH (>= 96% recall), so this view can only find more.
 */
export class CandidateOverlay extends ToolIndex {
  private readonly candidates = new Map<string, IndexedTool>();
  private readonly lexicalOverlay = new LexicalIndex();
  /** Candidates with a vector. */
  private readonly withVectors: IndexedTool[] = [];
  /** Base tools that a candidate replaces. */
  private readonly replaced = new Set<string>();

  constructor(
    private readonly base: ToolIndex,
    prepared: readonly IndexedTool[],
  ) {
    // No embedder of its own: preparation goes through the base index (same embedder, no state).
    super();
    for (const item of prepared) {
      this.candidates.set(item.tool.key, item);
      if (base.get(item.tool.key)) this.replaced.add(item.tool.key);
      this.lexicalOverlay.add(item.tool.key, item.name);
      if (item.vector) this.withVectors.push(item);
    }
  }

  override get size(): number {
    return this.base.size - this.replaced.size + this.candidates.size;
  }

  override get(key: string): IndexedTool | undefined {
    return this.candidates.get(key) ?? this.base.get(key);
  }

  override *values(): IterableIterator<IndexedTool> {
    for (const item of this.base.values()) if (!this.replaced.has(item.tool.key)) yield item;
    yield* this.candidates.values();
  }

  override prepare(tools: readonly Tool[]): Promise<IndexedTool[]> {
    return this.base.prepare(tools);
  }

  override preparePatched(original: IndexedTool, patched: Tool): Promise<IndexedTool> {
    return this.base.preparePatched(original, patched);
  }

  override upsert(): Promise<IndexedTool[]> {
    throw new Error('CandidateOverlay is read-only');
  }

  override insert(): void {
    throw new Error('CandidateOverlay is read-only');
  }

  override remove(): boolean {
    throw new Error('CandidateOverlay is read-only');
  }

  override neighbours(item: IndexedTool, options: NeighbourOptions): Set<string> {
    // Lexical: the base index's answer minus replaced tools (the candidate version answers for them).
    const keys = new Set<string>();
    for (const key of this.base.neighbours(item, { semanticNeighbours: 0, minCosine: options.minCosine })) {
      if (!this.replaced.has(key)) keys.add(key);
    }
    for (const key of this.lexicalOverlay.candidates(item.name, item.tool.key)) keys.add(key);
    if (item.vector && options.semanticNeighbours > 0) {
      for (const hit of this.nearest(item, options.semanticNeighbours, options.minCosine)) keys.add(hit.key);
    }
    keys.delete(item.tool.key);
    return keys;
  }

  override nearestTools(item: IndexedTool, k: number, minScore = NEAREST_TOOLS_MIN_COSINE): IndexedTool[] {
    if (!item.vector) return [];
    return this.nearest(item, k, minScore)
      .map((hit) => this.get(hit.key))
      .filter((t): t is IndexedTool => t !== undefined);
  }

  /** Top `k` by score then key over base (minus replaced) and candidates, never `item` itself. */
  private nearest(item: IndexedTool, k: number, minScore: number): Hit[] {
    const vector = item.vector!;
    // Ask the base for enough extra hits to cover the replaced tools it may return.
    const fromBase = this.base.nearestTools(item, k + this.replaced.size, minScore).filter((t) => !this.replaced.has(t.tool.key));
    // Scores with the base's arithmetic (quantised stored vectors): nearestTools returns none, and the
    // candidates must be scored as if they were stored. Synchronous, so one scratch arena serves all overlays.
    const scored = [...fromBase, ...this.withVectors.filter((c) => c.tool.key !== item.tool.key)];
    const arena = scratchArena(vector.length);
    const hits: Hit[] = [];
    scored.forEach((t, slot) => {
      arena.set(slot, t.vector!);
      const score = arena.dot(vector, slot);
      if (score >= minScore) hits.push({ key: t.tool.key, score });
    });
    return hits.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).slice(0, k);
  }
}

const scratchArenas = new Map<number, VectorArena>();

/** One reusable arena per dimension count (set + dot, never across an await). */
function scratchArena(dimensions: number): VectorArena {
  let arena = scratchArenas.get(dimensions);
  if (!arena) scratchArenas.set(dimensions, (arena = new VectorArena(dimensions)));
  return arena;
}
