import { type AuditEntry, type ChainVerification, toAuditJson } from '@toolgate/audit';
import { z } from 'zod';

export const AuditEntryResponseSchema = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  seq: z.number().int(),
  time: z.string(),
  actor: z.object({ type: z.enum(['user', 'api_key', 'system']), id: z.string().nullable(), display: z.string().nullable() }),
  action: z.string(),
  resource: z.object({ type: z.string(), id: z.string().nullable() }),
  environmentId: z.uuid().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  sourceIp: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: z.string().nullable(),
  hash: z.string(),
});
export type AuditEntryResponse = z.infer<typeof AuditEntryResponseSchema>;

export const AuditPageResponseSchema = z.object({ items: z.array(AuditEntryResponseSchema), nextCursor: z.string().nullable() });
export type AuditPageResponse = z.infer<typeof AuditPageResponseSchema>;

export const AuditVerifyResponseSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  lastValid: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  firstBroken: z
    .object({ seq: z.number().int(), id: z.string(), reason: z.enum(['hash_mismatch', 'prev_hash_mismatch', 'sequence_gap']), expected: z.string(), actual: z.string() })
    .nullable(),
});
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponseSchema>;

export function toAuditEntryResponse(entry: AuditEntry): AuditEntryResponse {
  return toAuditJson(entry);
}

export function toAuditVerifyResponse(result: ChainVerification): AuditVerifyResponse {
  return { ok: result.ok, checked: result.checked, lastValid: result.lastValid, firstBroken: result.firstBroken };
}
