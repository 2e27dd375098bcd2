import type { ServerRecord } from '@toolgate/db';

export interface ServerResponse {
  id: string;
  environmentId: string;
  name: string;
  transport: string;
  connection: Record<string, unknown>;
  syncIntervalSeconds: number | null;
  enabled: boolean;
  createdAt: string;
}

export function toServerResponse(server: ServerRecord): ServerResponse {
  return { ...server, transport: server.transport.toLowerCase(), createdAt: server.createdAt.toISOString() };
}
