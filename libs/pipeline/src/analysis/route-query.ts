import { LocalRouter } from '../routing';
import type { Router, RouterCandidate } from '../model/providers';
import { toolRef, type Tool, type ToolRef } from '../model/tool';

export interface RouteQueryResult {
  query: string;
  choice: ToolRef | null;
  ranking: { server: string; tool: string; score: number }[];
  reason?: string;
}

/** "Which of my tools would the agent pick for this request?" — asked of the configured router. */
export async function routeQuery(query: string, tools: readonly Tool[], options: { router?: Router } = {}): Promise<RouteQueryResult> {
  const router = options.router ?? new LocalRouter();
  const byId = new Map(tools.map((t) => [t.key, t]));
  const candidates: RouterCandidate[] = tools.map((t) => ({
    id: t.key,
    name: t.definition.name,
    description: t.definition.description,
    inputSchema: t.definition.inputSchema,
  }));
  const decision = await router.route(query, candidates);
  const chosen = decision.choice ? byId.get(decision.choice) : undefined;
  return {
    query,
    choice: chosen ? toolRef(chosen) : null,
    ranking: decision.ranking
      .map((r) => ({ tool: byId.get(r.id), score: Math.round(r.score * 1000) / 1000 }))
      .filter((r): r is { tool: Tool; score: number } => r.tool !== undefined)
      .map((r) => ({ server: r.tool.server, tool: r.tool.definition.name, score: r.score })),
    reason: decision.reason,
  };
}
