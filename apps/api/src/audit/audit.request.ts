import { AUDIT_ACTIONS } from '@toolgate/audit';
import { z } from 'zod';

const sequence = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

/** `GET /v1/audit-logs`: filters, and cursor pagination by sequence (pass the previous page's `nextCursor`). */
export const AuditListQuerySchema = z.object({
  from: z.iso.datetime({ offset: true }).optional().describe('Entries at or after this time (ISO 8601).'),
  to: z.iso.datetime({ offset: true }).optional().describe('Entries before this time (ISO 8601).'),
  action: z.enum(AUDIT_ACTIONS as [string, ...string[]]).optional(),
  actorType: z.enum(['user', 'api_key', 'system']).optional(),
  actorId: z.string().min(1).max(200).optional(),
  resourceType: z.string().min(1).max(100).optional(),
  resourceId: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: sequence.optional().describe('The previous page\'s `nextCursor` (a sequence number).'),
});
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;

/** `until` is a sequence number (digits) or an ISO 8601 time. */
const until = z.union([z.string().regex(/^\d+$/).transform((s) => ({ seq: Number(s) })), z.iso.datetime({ offset: true }).transform((s) => ({ time: new Date(s) }))]);

/** `GET /v1/audit-logs/export`. */
export const AuditExportQuerySchema = z.object({
  format: z.enum(['json', 'cef']).default('json'),
  since: sequence.optional().describe('Exclusive: the `X-Toolgate-Last-Sequence` of the previous pull.'),
  until: until.optional().describe('Inclusive upper bound: a sequence number or an ISO 8601 time.'),
});
export type AuditExportQuery = z.infer<typeof AuditExportQuerySchema>;
