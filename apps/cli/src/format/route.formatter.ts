import { createColors } from 'picocolors';
import type { RouteQueryResult } from '@toolgate/pipeline';
import { clean, score, truncate } from './text';

export const ROUTE_FORMATS = ['table', 'json'] as const;
export type RouteFormat = (typeof ROUTE_FORMATS)[number];

/** Rows shown by the table; JSON carries the full ranking. */
const TOP = 5;

/** `{ query, choice, ranking, reason? }`: a contract like `check --format json` (extend, never rename). */
export function formatRouteJson(result: RouteQueryResult): string {
  const document = {
    query: result.query,
    choice: result.choice ? { server: result.choice.server, tool: result.choice.tool } : null,
    ranking: result.ranking.map((r) => ({ server: r.server, tool: r.tool, score: r.score })),
    ...(result.reason !== undefined ? { reason: result.reason } : {}),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function formatRouteTable(result: RouteQueryResult, options: { color: boolean }): string {
  const c = createColors(options.color);
  const chosen = result.choice ? `${result.choice.server}/${result.choice.tool}` : undefined;
  const lines = [`Query: ${truncate(clean(result.query), 120)}`];
  lines.push(chosen ? `Choice: ${c.bold(c.green(clean(chosen)))}` : `Choice: ${c.yellow('none of these tools')}`);
  if (result.reason) lines.push(`Why: ${truncate(clean(result.reason), 200)}`);
  lines.push('');
  const top = result.ranking.slice(0, TOP);
  const width = Math.max(4, ...top.map((r) => clean(`${r.server}/${r.tool}`).length));
  lines.push(c.dim(`  #  ${'tool'.padEnd(width)}  score`));
  top.forEach((r, i) => {
    const label = clean(`${r.server}/${r.tool}`);
    const row = `  ${i + 1}  ${label.padEnd(width)}  ${score(r.score)}`;
    lines.push(label === chosen ? c.bold(row) : row);
  });
  if (result.ranking.length > TOP) lines.push(c.dim(`  … ${result.ranking.length - TOP} more (use --format json)`));
  if (top.length >= 2) lines.push('', c.dim(`Margin between #1 and #2: ${score(top[0].score - top[1].score)} (a small margin means the agent could pick either)`));
  return `${lines.join('\n')}\n`;
}
