import { Injectable } from '@nestjs/common';
import { ValidationError } from '@toolgate/config';
import { type AnalysisReport, type InputError, parseToolDocument } from '@toolgate/pipeline';
import { EnvironmentsService } from '../environments/environments.service';
import type { RequestContext } from '../registry/request-context';
import { ApiModelProviders, withProviderErrors } from '../providers/model-providers.service';
import { registrationPolicy } from './registry-analyzer';
import { RegistryIndex } from './registry-index';
import type { CheckQuery } from './tool.request';

/** The body of a dry run: `toolgate check --format json`'s contract (docs/cli.md), input errors always empty. */
export interface CheckResponse {
  summary: AnalysisReport['summary'] & { inputErrors: number };
  conflicts: AnalysisReport['conflicts'];
  toolFindings: AnalysisReport['toolFindings'];
  inputErrors: InputError[];
}

/** Server name for a document that names none. */
const DEFAULT_CHECK_SERVER = 'candidate';

/** Dry run: what registering these tools would find. Reads the registry (through the cached index), writes nothing. */
@Injectable()
export class ToolCheckService {
  constructor(
    private readonly environments: EnvironmentsService,
    private readonly index: RegistryIndex,
    private readonly models: ApiModelProviders,
  ) {}

  async check(ctx: RequestContext, envRef: string, document: unknown, query: CheckQuery): Promise<CheckResponse> {
    const env = await this.environments.resolve(ctx, envRef);
    const parsed = parseToolDocument(document, { file: 'body', defaultServer: query.server ?? DEFAULT_CHECK_SERVER });
    // All or nothing, like registration: a partial check would pass a document that cannot be registered.
    if (parsed.errors.length > 0) {
      const issues = parsed.errors.map((e) => ({ path: `body${e.pointer}`, message: e.message }));
      throw new ValidationError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
    }
    if (parsed.tools.length === 0) throw new ValidationError('body.tools: must contain at least one tool', { issues: [{ path: 'body.tools', message: 'must contain at least one tool' }] });
    const policy = registrationPolicy(env);
    // The cached registry index and the environment's providers, like the CI gate.
    const providers = this.models.analyzeOptions(this.models.forEnvironment(env.providerOverrides));
    const { report } = await withProviderErrors(() => this.index.check(env, parsed.tools, { ...providers, stages: query.stages ?? policy.stages, failOn: query.failOn ?? policy.failOn }));
    return { summary: { ...report.summary, inputErrors: 0 }, conflicts: report.conflicts, toolFindings: report.toolFindings, inputErrors: [] };
  }
}
