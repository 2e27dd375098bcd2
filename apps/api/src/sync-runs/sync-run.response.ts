import type { SyncRunRecord } from '@toolgate/db';
import { z } from 'zod';

export const SyncRunResponseSchema = z.object({
  id: z.uuid(),
  serverId: z.uuid(),
  trigger: z.enum(['MANUAL', 'SCHEDULE', 'REGISTRATION']),
  status: z.enum(['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED']),
  added: z.number().int(),
  changed: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  /** FAILED: the reason, prefixed with its code (CONNECT_FAILED, TIMEOUT, PROTOCOL_ERROR, INVALID_TOOL, URL_NOT_ALLOWED, CIRCUIT_OPEN...). */
  error: z.string().nullable(),
  /** The server's initialize result: name, version, protocolVersion, capabilities. */
  serverInfo: z.record(z.string(), z.unknown()).nullable(),
  /** The analysis run deciding the added/changed versions (`GET /v1/analysis-runs/{id}`); null when nothing changed. */
  analysisRunId: z.uuid().nullable(),
  requestedBy: z.object({ type: z.enum(['USER', 'API_KEY', 'SYSTEM']), id: z.string().nullable() }),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});
export type SyncRunResponse = z.infer<typeof SyncRunResponseSchema>;

export const SyncRunAcceptedSchema = z.object({ syncRunId: z.uuid(), status: z.literal('QUEUED') });
export type SyncRunAccepted = z.infer<typeof SyncRunAcceptedSchema>;

export function toSyncRunResponse(run: SyncRunRecord): SyncRunResponse {
  return {
    ...run,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
}
