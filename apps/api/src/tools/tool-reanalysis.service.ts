import { Injectable } from '@nestjs/common';
import { type EnvironmentRecord, pipelineTool, ToolRegistrationRepository, ToolRepository, type ToolRecord } from '@toolgate/db';
import { toolKey } from '@toolgate/pipeline';
import { RegistryAnalyzer, registrationPolicy } from './registry-analyzer';
import { type ToolResponse, toToolResponse } from './tool.response';

/**
 * Re-analyses BLOCKED tools after the registry changed under them (today: a tool they conflicted with was
 * removed), so a tool blocked only by that tool becomes ACTIVE. Synchronous until part B's analysis queue.
 */
@Injectable()
export class ToolReanalysisService {
  constructor(
    private readonly tools: ToolRepository,
    private readonly registration: ToolRegistrationRepository,
    private readonly analyzer: RegistryAnalyzer,
  ) {}

  /** Re-analyses those of `toolIds` that are BLOCKED; returns them with their new status. */
  async reanalyseBlocked(env: EnvironmentRecord, toolIds: readonly string[]): Promise<ToolResponse[]> {
    const registry = await this.tools.registry(env.id);
    const wanted = new Set(toolIds);
    const subjects = registry.filter((t) => wanted.has(t.id) && t.status === 'BLOCKED' && t.currentVersion !== null);
    if (subjects.length === 0) return [];

    const candidates = subjects.map(pipelineTool);
    const analysis = await this.analyzer.analyzeCandidates(registry, candidates, registrationPolicy(env), { registered: true });
    const results: ToolResponse[] = [];
    // One write per server: a registration write covers one server's tools.
    for (const group of groupByServer(subjects)) {
      const ids = new Set(group.map((t) => t.id));
      const result = await this.registration.register({
        environmentId: env.id,
        serverId: group[0]!.serverId,
        run: { ...analysis.run, trigger: 'MANUAL' },
        tools: group.map((t) => ({
          name: t.name,
          contentHash: t.currentVersion!.contentHash,
          definition: t.currentVersion!.definition,
          status: analysis.blockedKeys.has(pipelineTool(t).key) ? 'BLOCKED' : 'ACTIVE',
          findings: analysis.report.toolFindings.filter((f) => toolKey(f.server, f.tool) === pipelineTool(t).key),
        })),
        conflicts: analysis.conflicts.filter((c) => ids.has(c.toolIds[0]) || ids.has(c.toolIds[1])),
      });
      results.push(...result.tools.map((saved) => toToolResponse(saved.tool)));
    }
    return results;
  }
}

function groupByServer(tools: readonly ToolRecord[]): ToolRecord[][] {
  const groups = new Map<string, ToolRecord[]>();
  for (const tool of tools) groups.set(tool.serverId, [...(groups.get(tool.serverId) ?? []), tool]);
  return [...groups.values()];
}
