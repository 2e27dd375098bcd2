import { Injectable } from '@nestjs/common';
import type { RegisteredToolResponse } from '../tools/tool.response';
import type { RequestContext } from '../registry/request-context';

/**
 * What happens to tools a CI check registered as BLOCKED. The approvals issue binds a real implementation
 * (`{ provide: CiApprovalPort, useClass: ApprovalRequestsService }` in WebhooksModule) that opens an
 * approval request per blocked version; until then blocked tools simply wait in the registry.
 */
export abstract class CiApprovalPort {
  /** Called once per CI registration with the tools it left BLOCKED (never called with none). */
  abstract blockedByCheck(ctx: RequestContext, checkId: string, blocked: readonly RegisteredToolResponse[]): Promise<void>;
}

/** No approval workflow yet: blocked tools stay BLOCKED until re-analysis or a later approval. */
@Injectable()
export class NoApprovalWorkflow extends CiApprovalPort {
  blockedByCheck(): Promise<void> {
    return Promise.resolve();
  }
}
