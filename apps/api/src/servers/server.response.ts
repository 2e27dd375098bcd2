import type { ServerRecord } from '@toolgate/db';
import { z } from 'zod';
import { TRANSPORT_VALUES } from './server.request';

export const ServerResponseSchema = z.object({
  id: z.uuid(),
  environmentId: z.uuid(),
  name: z.string(),
  transport: z.enum(TRANSPORT_VALUES),
  connection: z.record(z.string(), z.unknown()),
  syncIntervalSeconds: z.number().int().nullable(),
  enabled: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type ServerResponse = z.infer<typeof ServerResponseSchema>;

export function toServerResponse(server: ServerRecord): ServerResponse {
  return { ...server, transport: server.transport.toLowerCase() as ServerResponse['transport'], createdAt: server.createdAt.toISOString() };
}
