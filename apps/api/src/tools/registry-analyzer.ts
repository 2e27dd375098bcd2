import { Injectable } from '@nestjs/common';
import { blockedSubjects, type ConflictWrite, conflictWrites, type EnvironmentRecord, pendingToolId, pipelineTool, type RegistrationWrite, type ToolRecord } from '@toolgate/db';
import { analyze, type AnalysisReport, type Severity, type StageName, type Tool, toolKey } from '@toolgate/pipeline';
import { toStageLevel, toStageName } from '../environments/environment.response';

/** What the registration writes, derived from one pipeline run over the candidates. */
export interface CandidateAnalysis {
  report: AnalysisReport;
  /** Keys (`server/name`) of candidates with a conflict or own finding at or above the policy's blocking severity. */
  blockedKeys: Set<string>;
  conflicts: ConflictWrite[];
  run: RegistrationWrite['run'];
}

export interface AnalysisPolicy {
  stages: StageName[];
  failOn: Severity | 'NONE';
}


/** The environment's registration policy in pipeline terms. */
export function registrationPolicy(env: EnvironmentRecord): AnalysisPolicy {
  return { stages: env.policy.stagesOnRegistration.map(toStageName), failOn: env.policy.blockingSeverity };
}

/**
 * Runs the pipeline for candidate tools against an environment's registry. Synchronous for now:
 * part B moves registration analysis onto the analysis queue (docs/tool-lifecycle.md).
 */
@Injectable()
export class RegistryAnalyzer {
  /** Only the candidates are checked (against the registry and each other), as in a CI check. */
  run(registry: readonly ToolRecord[], candidates: readonly Tool[], policy: AnalysisPolicy): Promise<AnalysisReport> {
    return analyze({ registry: registry.map(pipelineTool), candidates }, { stages: policy.stages, failOn: policy.failOn });
  }

  /**
   * Runs the analysis and maps its conflicts to tool ids. New versions are named by `pendingToolId(name)`
   * placeholders (their rows may not exist yet); with `registered: true` the candidates are registry tools
   * being re-analysed and keep their ids.
   */
  async analyzeCandidates(
    registry: readonly ToolRecord[],
    candidates: readonly Tool[],
    policy: AnalysisPolicy,
    options: { registered?: boolean } = {},
  ): Promise<CandidateAnalysis> {
    const report = await this.run(registry, candidates, policy);
    const idByKey = new Map<string, string>(registry.map((t) => [toolKey(t.serverName, t.name), t.id]));
    if (!options.registered) for (const candidate of candidates) idByKey.set(candidate.key, pendingToolId(candidate.definition.name));
    const idOf = (server: string, name: string): string => {
      const id = idByKey.get(toolKey(server, name));
      if (!id) throw new Error(`analysis reported unknown tool ${toolKey(server, name)}`);
      return id;
    };

    const blockedKeys = blockedSubjects(report, new Set(candidates.map((c) => c.key)), policy.failOn);
    const conflicts = conflictWrites(report, idOf);
    const stageTimings = Object.fromEntries(report.summary.stages.map((s) => [s.stage, s.ms]));
    const pairCount = report.summary.stages.find((s) => s.stage === 'pairs')?.items ?? 0;
    const run = { stages: policy.stages.map(toStageLevel), stageTimings, toolCount: report.summary.tools, pairCount };
    return { report, blockedKeys, conflicts, run };
  }
}
