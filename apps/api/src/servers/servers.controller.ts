import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '@toolgate/db';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { MinRole } from '../auth/roles.decorator';
import { type PageQuery, PageQuerySchema } from '../registry/page.request';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, pageSchema } from '../registry/zod-openapi';
import { type CreateServerRequest, CreateServerRequestSchema } from './server.request';
import { type ServerResponse, ServerResponseSchema } from './server.response';
import { ServersService } from './servers.service';

@ApiTags('servers')
@ApiBearerAuth()
@Controller('v1/environments/:env/servers')
export class ServersController {
  constructor(private readonly servers: ServersService) {}

  @Post()
  @MinRole('admin')
  @ApiOperation({ summary: 'Register an MCP server (a namespace of tools) in an environment.' })
  @ApiZodBody(CreateServerRequestSchema)
  @ApiZodResponse(ServerResponseSchema, 'The server.', 201)
  @ApiNotFoundResponse({ description: '`ENVIRONMENT.NOT_FOUND`' })
  @ApiConflictResponse({ description: '`SERVER.ALREADY_EXISTS`' })
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
}
