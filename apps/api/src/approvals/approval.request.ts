import { z } from 'zod';
import { PageQuerySchema } from '../registry/page.request';

export const ApprovalListQuerySchema = PageQuerySchema.extend({
  status: z.enum(['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED']).optional(),
  /** Environment id or name. */
  environment: z.string().min(1).max(128).optional(),
});
export type ApprovalListQuery = z.infer<typeof ApprovalListQuerySchema>;

/** Opens a request by hand for the tool's current version (developer+). */
export const OpenApprovalRequestSchema = z.object({ toolId: z.uuid() });
export type OpenApprovalRequest = z.infer<typeof OpenApprovalRequestSchema>;

/** Approve and reject both need a reason: it is what the audit log and the next reviewer read. */
export const DecisionRequestSchema = z.object({ reason: z.string().trim().min(1).max(2000) });
export type DecisionRequest = z.infer<typeof DecisionRequestSchema>;
