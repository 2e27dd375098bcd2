import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@toolgate/config';
import { type Page, type ServerRecord, ServerRepository, type TransportValue } from '@toolgate/db';
import { auditSource } from '../auth/audit-source';
import { EnvironmentsService } from '../environments/environments.service';
import type { PageQuery } from '../registry/page.request';
import type { RequestContext } from '../registry/request-context';
import type { CreateServerRequest } from './server.request';
import { type ServerResponse, toServerResponse } from './server.response';

@Injectable()
export class ServersService {
  constructor(
    private readonly environments: EnvironmentsService,
    private readonly servers: ServerRepository,
  ) {}

  async create(ctx: RequestContext, envRef: string, request: CreateServerRequest): Promise<ServerResponse> {
    const env = await this.environments.resolve(ctx, envRef);
    const server = await this.servers.create(env.id, {
      name: request.name,
      transport: request.transport.toUpperCase() as TransportValue,
      connection: request.connection,
      syncIntervalSeconds: request.syncIntervalSeconds ?? null,
      enabled: request.enabled,
    }, auditSource(ctx));
    return toServerResponse(server);
  }

  async list(ctx: RequestContext, envRef: string, page: PageQuery): Promise<Page<ServerResponse>> {
    const env = await this.environments.resolve(ctx, envRef);
    const result = await this.servers.list(env.id, page);
    return { items: result.items.map(toServerResponse), nextCursor: result.nextCursor };
  }

  /** The server named `name` in the environment; `SERVER.NOT_FOUND` otherwise. */
  async resolve(environmentId: string, name: string): Promise<ServerRecord> {
    const server = await this.servers.findByName(environmentId, name);
    if (!server) throw new NotFoundError('SERVER.NOT_FOUND', `Server "${name}" not found in this environment`, { server: name });
    return server;
  }
}
