import type { ServerRecord } from '@toolgate/db';
import { z } from 'zod';
import { TRANSPORT_VALUES } from './server.request';

export const ServerResponseSchema = z.object({
  id: z.uuid(),
  environmentId: z.uuid(),
  name: z.string(),
  transport: z.enum(TRANSPORT_VALUES),
  /** Non-secret settings only: command, args, cwd or url. */
  connection: z.record(z.string(), z.unknown()),
  /** Names of the stored secrets (env variables for stdio, headers for HTTP); values are never returned. */
  secretNames: z.array(z.string()),
  syncIntervalSeconds: z.number().int().nullable(),
  enabled: z.boolean(),
  lastSyncAt: z.iso.datetime().nullable(),
  lastSyncStatus: z.enum(['QUEUED', 'RUNNING', 'COMPLETED', 'FAILED']).nullable(),
  lastSyncError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ServerResponse = z.infer<typeof ServerResponseSchema>;

/** Field by field, so nothing added to the record (such as sealed secrets) can leak into a response. */
export function toServerResponse(server: ServerRecord): ServerResponse {
  return {
    id: server.id,
    environmentId: server.environmentId,
    name: server.name,
    transport: server.transport.toLowerCase() as ServerResponse['transport'],
    connection: server.connection,
    secretNames: server.secretNames,
    syncIntervalSeconds: server.syncIntervalSeconds,
    enabled: server.enabled,
    lastSyncAt: server.lastSyncAt?.toISOString() ?? null,
    lastSyncStatus: server.lastSyncStatus,
    lastSyncError: server.lastSyncError,
    createdAt: server.createdAt.toISOString(),
    updatedAt: server.updatedAt.toISOString(),
  };
}
