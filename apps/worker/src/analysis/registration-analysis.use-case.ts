import { Injectable, Logger } from '@nestjs/common';
import { type AnalysisRunRecord, AnalysisRunRepository, pipelineTool, registrySource, ToolRepository } from '@toolgate/db';
import { checkCandidates, type StageName, toolKey } from '@toolgate/pipeline';
import { runWithProviders } from '@toolgate/providers';
import { EnvironmentModelProviders } from '../providers/environment-model-providers';
import { BlockedApprovals } from './blocked-approvals';
import { ToolIndexCaches } from './tool-index.cache';
import { blockedSubjects, conflictWrites } from '@toolgate/db';

/**
 * The analysis of versions registered as PENDING_ANALYSIS (the `registration-analysis` job): the pipeline with
 * the environment's registration stages, the versions as candidates against the registry; conflicts (with their
 * recommendations) written, each version set ACTIVE or BLOCKED, the REGISTRATION run completed. Idempotent:
 * a retry recomputes and overwrites; a version that is no longer current is skipped.
 */
@Injectable()
export class RegistrationAnalysisUseCase {
  private readonly logger = new Logger(RegistrationAnalysisUseCase.name);

  constructor(
    private readonly runs: AnalysisRunRepository,
    private readonly tools: ToolRepository,
    private readonly approvals: BlockedApprovals,
    private readonly indexes: ToolIndexCaches,
    private readonly models: EnvironmentModelProviders,
  ) {}

  async run(runId: string, versionIds: readonly string[], progress: (percent: number) => Promise<void>): Promise<AnalysisRunRecord | undefined> {
    const started = await this.runs.start(runId);
    if (!started) return undefined;
    const { environment } = started;
    // Only the registered versions are read: the rest of the registry is the environment's cached index, brought
    // up to the environment's registry revision (read with the run) by the tools changed since, as the CI gate does.
    const subjects = await this.tools.registryByVersionIds(environment.id, versionIds);
    const stages = environment.policy.stagesOnRegistration.map((s) => s.toLowerCase() as StageName);
    const failOn = environment.policy.blockingSeverity;

    const candidates = subjects.map(pipelineTool);
    // The environment's providers (its overrides, if any). Measured on that set's meter, apart from concurrent
    // jobs on the same providers: the run stores its own calls and cost.
    const providers = this.models.for(environment);
    // checkCandidates reads the registered versions as candidates over the index (its report equals
    // analyze({ registry, candidates }), check-candidates.equivalence.spec.ts) and never changes the index.
    const withVectors = stages.includes('semantic') || stages.includes('routing');
    const source = registrySource(this.tools, environment.id, environment.registryRevision);
    const { result: report, usage } = await providers.meter.measure(() =>
      this.indexes.for(providers.embedder).read(environment.id, withVectors, source, (index, read) =>
        runWithProviders(providers, { stages, failOn, onProgress: (p) => void progress(p.phase === 'pairs' ? 50 : 25) }, (options) =>
          checkCandidates({ index, candidates, serverTools: read.serverTools }, options),
        ),
      ),
    );
    await progress(80);
    // Ids of the tools the report names: the subjects, and the registry tools they conflict with.
    const named = new Map<string, { server: string; name: string }>();
    for (const c of report.conflicts) for (const side of [c.a, c.b]) named.set(toolKey(side.server, side.tool), { server: side.server, name: side.tool });
    const idByKey = await this.tools.idsByKey(environment.id, [...named.values()]);
    for (const t of subjects) idByKey.set(toolKey(t.serverName, t.name), t.id);
    const idOf = (server: string, tool: string): string => {
      const id = idByKey.get(toolKey(server, tool));
      if (!id) throw new Error(`analysis reported unknown tool ${toolKey(server, tool)}`);
      return id;
    };
    const blocked = blockedSubjects(report, new Set(candidates.map((c) => c.key)), failOn);
    const findingsOf = (key: string) => report.toolFindings.filter((f) => toolKey(f.server, f.tool) === key);
    const statuses = subjects.map((t) => {
      const key = toolKey(t.serverName, t.name);
      return { toolId: t.id, versionId: t.currentVersion!.id, status: blocked.has(key) ? ('BLOCKED' as const) : ('ACTIVE' as const), findings: findingsOf(key) };
    });
    const approvals = this.approvals.step(environment, statuses);
    const run = await this.runs.complete(runId, environment.id, {
      stageTimings: Object.fromEntries(report.summary.stages.map((s) => [s.stage, s.ms])),
      toolCount: report.summary.tools,
      pairCount: report.summary.stages.find((s) => s.stage === 'pairs')?.items ?? 0,
      subjectIds: subjects.map((t) => t.id),
      conflicts: conflictWrites(report, idOf),
      replaceRecommendations: true,
      statuses,
      usage: usage.byModel(),
    }, approvals.inTransaction);
    await approvals.announce(runId);
    await progress(100);
    this.logger.log({ runId, subjects: subjects.length, skipped: versionIds.length - subjects.length, blocked: blocked.size, conflicts: run.conflictCount }, 'Registration analysed');
    return run;
  }
}
