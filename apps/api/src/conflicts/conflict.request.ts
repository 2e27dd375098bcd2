import { z } from 'zod';
import { SEVERITY_VALUES } from '../environments/environment.request';
import { PageQuerySchema } from '../registry/page.request';

export const CONFLICT_STATUS_VALUES = ['OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'SUPPRESSED'] as const;

export const ConflictListQuerySchema = PageQuerySchema.extend({
  severity: z.enum(SEVERITY_VALUES).optional(),
  status: z.enum(CONFLICT_STATUS_VALUES).optional(),
  /** A tool id: conflicts involving it on either side. */
  tool: z.uuid().optional(),
});
export type ConflictListQuery = z.infer<typeof ConflictListQuerySchema>;

/** A status change. Suppressing needs a `reason`: it is what a reviewer reads later. */
export const UpdateConflictRequestSchema = z
  .object({
    status: z.enum(CONFLICT_STATUS_VALUES),
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.status === 'SUPPRESSED' && body.reason === undefined) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Required when status is SUPPRESSED' });
    }
  });
export type UpdateConflictRequest = z.infer<typeof UpdateConflictRequestSchema>;
