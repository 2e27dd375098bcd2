import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBadRequestResponse, ApiBody, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '@toolgate/db';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { MinRole } from '../auth/roles.decorator';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, openApiSchema, pageSchema } from '../registry/zod-openapi';
import { ToolAsyncRegistrationService } from './tool-async-registration.service';
import { type CheckResponse, ToolCheckService } from './tool-check.service';
import { ToolRegistrationService } from './tool-registration.service';
import {
  type BulkRegisterRequest,
  BulkRegisterRequestSchema,
  type CheckQuery,
  CheckQuerySchema,
  type RegisterToolRequest,
  RegisterToolRequestSchema,
  type ToolListQuery,
  ToolListQuerySchema,
} from './tool.request';
import {
  type BulkRegistrationResponse,
  BulkRegistrationResponseSchema,
  CheckResponseSchema,
  type RegistrationResponse,
  RegistrationResponseSchema,
  type ToolResponse,
  ToolResponseSchema,
} from './tool.response';
import { ToolsService } from './tools.service';

/** The slice of Express' response used to pick 201 or 200. */
interface StatusSettable {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}

/** RFC 7240 `Prefer: respond-async`: register now, analyse on the queue (202). */
function wantsAsync(prefer: string | undefined): boolean {
  return prefer !== undefined && /(^|[,;\s])respond-async($|[,;\s])/i.test(prefer);
}

@ApiTags('tools')
@ApiBearerAuth()
@Controller('v1/environments/:env')
export class EnvironmentToolsController {
  constructor(
    private readonly registration: ToolRegistrationService,
    private readonly tools: ToolsService,
    private readonly checker: ToolCheckService,
    private readonly queued: ToolAsyncRegistrationService,
  ) {}

  @Post('tools')
  @MinRole('developer')
  @ApiOperation({ summary: 'Register a tool definition: 201 with a new version, 200 when identical to the current one.' })
  @ApiZodBody(RegisterToolRequestSchema)
  @ApiZodResponse(RegistrationResponseSchema, 'A new version was stored and analysed.', 201)
  @ApiHeader({ name: 'Prefer', required: false, description: '`respond-async`: store the version as PENDING_ANALYSIS and analyse it on the queue (202 with `analysisRunId`).' })
  @ApiAcceptedResponse({ description: 'With `Prefer: respond-async`: stored PENDING_ANALYSIS; poll `GET /v1/analysis-runs/{analysisRunId}`.' })
  @ApiZodResponse(RegistrationResponseSchema, 'Nothing new was stored (identical definition, or a return to an earlier version).')
  @ApiBadRequestResponse({ description: '`VALIDATION.FAILED`, naming the field' })
  @ApiNotFoundResponse({ description: '`ENVIRONMENT.NOT_FOUND`, `SERVER.NOT_FOUND`' })
  async register(
    @Ctx() ctx: RequestContext,
    @Param('env') env: string,
    @Body(new ZodValidationPipe(RegisterToolRequestSchema)) body: RegisterToolRequest,
    @Res({ passthrough: true }) res: StatusSettable,
    @Headers('prefer') prefer?: string,
  ): Promise<RegistrationResponse | QueuedRegistrationResponse> {
    const { server, ...definition } = body;
    if (wantsAsync(prefer)) {
      const queued = await this.queued.register(ctx, env, server, [definition]);
      if (queued.analysisRunId !== null) return accepted(res, { ...queued.items[0]!, analysisRunId: queued.analysisRunId, conflicts: [], toolFindings: [] });
    }
    const result = await this.registration.register(ctx, env, server, [definition]);
    res.status(result.created ? 201 : 200);
    return { ...result.items[0]!, conflicts: result.conflicts, toolFindings: result.toolFindings };
  }

  // `tools:bulk` (Google AIP style) needs the colon escaped for Express' path-to-regexp; `tools/bulk` is an alias.
  @Post(['tools\\:bulk', 'tools/bulk'])
  @MinRole('developer')
  @ApiOperation({ summary: "Register a server's tools in one request (a `tools/list` result); all-or-nothing validation." })
  @ApiZodBody(BulkRegisterRequestSchema)
  @ApiZodResponse(BulkRegistrationResponseSchema, 'At least one new version was stored.', 201)
  @ApiHeader({ name: 'Prefer', required: false, description: '`respond-async`: store changed versions as PENDING_ANALYSIS and analyse them on the queue (202 with `analysisRunId`).' })
  @ApiAcceptedResponse({ description: 'With `Prefer: respond-async`: stored PENDING_ANALYSIS; poll `GET /v1/analysis-runs/{analysisRunId}`.' })
  @ApiZodResponse(BulkRegistrationResponseSchema, 'Every definition was identical to the stored one (or an earlier version).')
  async registerBulk(
    @Ctx() ctx: RequestContext,
    @Param('env') env: string,
    @Body(new ZodValidationPipe(BulkRegisterRequestSchema)) body: BulkRegisterRequest,
    @Res({ passthrough: true }) res: StatusSettable,
    @Headers('prefer') prefer?: string,
  ): Promise<BulkRegistrationResponse | QueuedRegistrationResponse> {
    if (wantsAsync(prefer)) {
      const queued = await this.queued.register(ctx, env, body.server, body.tools);
      if (queued.analysisRunId !== null) return accepted(res, { items: queued.items, analysisRunId: queued.analysisRunId, conflicts: [], toolFindings: [] });
    }
    const { created, ...result } = await this.registration.register(ctx, env, body.server, body.tools);
    res.status(created ? 201 : 200);
    return result;
  }

  @Post('tools/check')
  @HttpCode(200)
  @MinRole('viewer')
  @ApiOperation({ summary: 'Dry run: analyse proposed tools against the registry; stores nothing. Same JSON as `toolgate check --format json`.' })
  @ApiZodQuery(CheckQuerySchema)
  @ApiBody({ schema: openApiSchema(BulkRegisterRequestSchema), description: 'Any document `toolgate check` reads: `{ server, tools }`, a `tools/list` result, an array of tools or one tool.' })
  @ApiZodResponse(CheckResponseSchema, 'The pipeline report; nothing was stored.')
  @ApiBadRequestResponse({ description: '`VALIDATION.FAILED`: the document is not a valid tool document' })
  check(@Ctx() ctx: RequestContext, @Param('env') env: string, @Body() body: unknown, @Query(new ZodValidationPipe(CheckQuerySchema)) query: CheckQuery): Promise<CheckResponse> {
    return this.checker.check(ctx, env, body, query);
  }

  @Get('tools')
  @MinRole('viewer')
  @ApiOperation({ summary: "List an environment's tools (removed ones only with `status=REMOVED`), cursor pagination." })
  @ApiZodQuery(ToolListQuerySchema)
  @ApiZodResponse(pageSchema(ToolResponseSchema), 'A page of tools, oldest first.')
  list(@Ctx() ctx: RequestContext, @Param('env') env: string, @Query(new ZodValidationPipe(ToolListQuerySchema)) query: ToolListQuery): Promise<Page<ToolResponse>> {
    return this.tools.list(ctx, env, query);
  }
}

/** A registration whose analysis was queued: the stored items plus the run to poll; conflicts come later. */
type QueuedRegistrationResponse = (RegistrationResponse | BulkRegistrationResponse) & { analysisRunId: string };

function accepted<T>(res: StatusSettable, body: T): T {
  res.status(202);
  res.setHeader('Preference-Applied', 'respond-async');
  return body;
}
