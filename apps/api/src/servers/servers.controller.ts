import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Page } from '@toolgate/db';
import { z } from 'zod';
import { type AuditPageResponse, AuditPageResponseSchema } from '../audit/audit.response';
import { MinRole } from '../auth/roles.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { type PageQuery, PageQuerySchema } from '../registry/page.request';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, openApiSchema, pageSchema } from '../registry/zod-openapi';
import { type SyncRunAccepted, SyncRunAcceptedSchema, type SyncRunResponse, SyncRunResponseSchema } from '../sync-runs/sync-run.response';
import { type CreateServerRequest, CreateServerRequestSchema, type UpdateServerRequest, UpdateServerRequestSchema } from './server.request';
import { type ServerResponse, ServerResponseSchema } from './server.response';
import { ServersService } from './servers.service';

const HistoryQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().regex(/^\d+$/, 'must be the previous page\'s nextCursor (a sequence number)').optional(),
});
type HistoryQuery = z.infer<typeof HistoryQuerySchema>;

const URL_ERRORS = '`VALIDATION.FAILED` naming the field; `SERVER.URL_NOT_ALLOWED` (outside SYNC_URL_ALLOWLIST or a private address); `SERVER.URL_UNRESOLVABLE`';

@ApiTags('servers')
@ApiBearerAuth()
@Controller('v1/environments/:env/servers')
export class ServersController {
  constructor(private readonly servers: ServersService) {}

  @Post()
  @MinRole('developer')
  @ApiOperation({ summary: 'Register an MCP server and its connection (stdio: admins only). Secrets (env, header values) are sealed and never returned.' })
  @ApiZodBody(CreateServerRequestSchema)
  @ApiZodResponse(ServerResponseSchema, 'The server (secret names only).', 201)
  @ApiBadRequestResponse({ description: URL_ERRORS })
  @ApiForbiddenResponse({ description: '`SERVER.STDIO_ADMIN_ONLY`: a non-admin set a stdio command (audited as DENIED)' })
  @ApiNotFoundResponse({ description: '`ENVIRONMENT.NOT_FOUND`' })
  @ApiConflictResponse({ description: '`SERVER.ALREADY_EXISTS`' })
  @ApiUnprocessableEntityResponse({ description: '`SECRETS.KEY_MISSING`: secrets given but TOOLGATE_SECRETS_KEY is not set' })
  create(@Ctx() ctx: RequestContext, @Param('env') env: string, @Body(new ZodValidationPipe(CreateServerRequestSchema)) body: CreateServerRequest): Promise<ServerResponse> {
    return this.servers.create(ctx, env, body);
  }

  @Get()
  @MinRole('viewer')
  @ApiOperation({ summary: "List an environment's servers (cursor pagination)." })
  @ApiZodQuery(PageQuerySchema)
  @ApiZodResponse(pageSchema(ServerResponseSchema), 'A page of servers, oldest first.')
  @ApiNotFoundResponse({ description: '`ENVIRONMENT.NOT_FOUND`' })
  list(@Ctx() ctx: RequestContext, @Param('env') env: string, @Query(new ZodValidationPipe(PageQuerySchema)) page: PageQuery): Promise<Page<ServerResponse>> {
    return this.servers.list(ctx, env, page);
  }

  @Get(':id')
  @MinRole('viewer')
  @ApiOperation({ summary: 'A server (by id or name) with its last sync.' })
  @ApiZodResponse(ServerResponseSchema, 'The server.')
  @ApiNotFoundResponse({ description: '`ENVIRONMENT.NOT_FOUND`, `SERVER.NOT_FOUND`' })
  get(@Ctx() ctx: RequestContext, @Param('env') env: string, @Param('id') id: string): Promise<ServerResponse> {
    return this.servers.get(ctx, env, id);
  }

  @Patch(':id')
  @MinRole('developer')
  @ApiOperation({ summary: 'Change a server: connection (secrets replaced when given, kept when absent), interval, enabled. The sync schedule follows.' })
  @ApiZodBody(UpdateServerRequestSchema)
  @ApiZodResponse(ServerResponseSchema, 'The server after the change.')
  @ApiBadRequestResponse({ description: URL_ERRORS })
  @ApiForbiddenResponse({ description: '`SERVER.STDIO_ADMIN_ONLY` (audited as DENIED)' })
  @ApiNotFoundResponse({ description: '`SERVER.NOT_FOUND`' })
  update(@Ctx() ctx: RequestContext, @Param('env') env: string, @Param('id') id: string, @Body(new ZodValidationPipe(UpdateServerRequestSchema)) body: UpdateServerRequest): Promise<ServerResponse> {
    return this.servers.update(ctx, env, id, body);
  }

  @Delete(':id')
  @MinRole('admin')
  @ApiOperation({ summary: 'Delete a server whose tools are all removed; its schedule is removed.' })
  @ApiZodResponse(ServerResponseSchema, 'The deleted server.')
  @ApiNotFoundResponse({ description: '`SERVER.NOT_FOUND`' })
  @ApiConflictResponse({ description: '`SERVER.HAS_TOOLS`: remove its tools first (their history would be lost)' })
  remove(@Ctx() ctx: RequestContext, @Param('env') env: string, @Param('id') id: string): Promise<ServerResponse> {
    return this.servers.remove(ctx, env, id);
  }

  @Post(':id/sync')
  @HttpCode(202)
  @MinRole('developer')
  @ApiOperation({ summary: "Sync now: list the server's tools and apply the diff on the worker. Poll `GET /v1/sync-runs/{syncRunId}`." })
  @ApiAcceptedResponse({ description: 'The run was recorded and queued.', schema: openApiSchema(SyncRunAcceptedSchema, 'output') })
  @ApiNotFoundResponse({ description: '`SERVER.NOT_FOUND`' })
  @ApiConflictResponse({ description: '`SERVER.DISABLED`' })
  @ApiUnprocessableEntityResponse({ description: '`SERVER.NOT_SYNCABLE`: no command or URL' })
  @ApiServiceUnavailableResponse({ description: '`QUEUE.UNAVAILABLE`: Redis is down; the run is recorded FAILED' })
  sync(@Ctx() ctx: RequestContext, @Param('env') env: string, @Param('id') id: string): Promise<SyncRunAccepted> {
    return this.servers.sync(ctx, env, id);
  }

  @Get(':id/sync-runs')
  @MinRole('viewer')
  @ApiOperation({ summary: "The server's sync runs, newest first (cursor pagination)." })
  @ApiZodQuery(PageQuerySchema)
  @ApiZodResponse(pageSchema(SyncRunResponseSchema), 'A page of sync runs.')
  @ApiNotFoundResponse({ description: '`SERVER.NOT_FOUND`' })
  syncRuns(@Ctx() ctx: RequestContext, @Param('env') env: string, @Param('id') id: string, @Query(new ZodValidationPipe(PageQuerySchema)) page: PageQuery): Promise<Page<SyncRunResponse>> {
    return this.servers.syncRuns(ctx, env, id, page);
  }

  @Get(':id/history')
  @MinRole('viewer')
  @ApiOperation({ summary: "The server's audit history, newest first: its changes, sync runs and the tool changes they caused." })
  @ApiZodQuery(HistoryQuerySchema)
  @ApiZodResponse(AuditPageResponseSchema, 'A page of audit entries.')
  @ApiNotFoundResponse({ description: '`SERVER.NOT_FOUND`' })
  history(@Ctx() ctx: RequestContext, @Param('env') env: string, @Param('id') id: string, @Query(new ZodValidationPipe(HistoryQuerySchema)) page: HistoryQuery): Promise<AuditPageResponse> {
    return this.servers.history(ctx, env, id, page);
  }
}
