import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBadRequestResponse, ApiBody, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Page } from '@toolgate/db';
import { MAX_PREFER_WAIT_SECONDS, preferredWaitMs } from '../analysis-runs/wait-for-run';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { MinRole } from '../auth/roles.decorator';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, openApiSchema, pageSchema } from '../registry/zod-openapi';
import { type QueuedRegistration, ToolAsyncRegistrationService } from './tool-async-registration.service';
import { type CheckResponse, ToolCheckService } from './tool-check.service';
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
  BulkRegistrationResponseSchema,
  CheckResponseSchema,
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

const PREFER_DESCRIPTION = `RFC 7240. \`wait=<seconds>\` (at most ${MAX_PREFER_WAIT_SECONDS}; larger values are cut to it): wait for the worker's analysis and answer 201/200 with the final status, or 202 when the wait runs out. \`respond-async\` or no preference: 202 at once.`;

/** A registration's answer: `analysisRunId` is the run that analyses it (null when nothing new was stored). */
const QueuedRegistrationResponseSchema = RegistrationResponseSchema.extend({ analysisRunId: z.uuid().nullable() });
type QueuedRegistrationResponse = z.infer<typeof QueuedRegistrationResponseSchema>;
const QueuedBulkRegistrationResponseSchema = BulkRegistrationResponseSchema.extend({ analysisRunId: z.uuid().nullable() });
type QueuedBulkRegistrationResponse = z.infer<typeof QueuedBulkRegistrationResponseSchema>;

@ApiTags('tools')
@ApiBearerAuth()
@Controller('v1/environments/:env')
export class EnvironmentToolsController {
  constructor(
    private readonly tools: ToolsService,
    private readonly checker: ToolCheckService,
    private readonly queued: ToolAsyncRegistrationService,
  ) {}

  @Post('tools')
  @MinRole('developer')
  @ApiOperation({
    summary:
      'Register a tool definition. A new version is stored PENDING_ANALYSIS and analysed on the queue: 202 with `analysisRunId`. With `Prefer: wait=<s>` the API waits for the analysis (201 with the final status). 200 when identical to the current version (no new job).',
  })
  @ApiZodBody(RegisterToolRequestSchema)
  @ApiHeader({ name: 'Prefer', required: false, description: PREFER_DESCRIPTION })
  @ApiAcceptedResponse({ schema: openApiSchema(QueuedRegistrationResponseSchema, 'output'), description: 'Stored PENDING_ANALYSIS, analysis queued (the default, or the wait ran out): poll `GET /v1/analysis-runs/{analysisRunId}` or `GET /v1/tools/{id}`.' })
  @ApiZodResponse(QueuedRegistrationResponseSchema, 'With `Prefer: wait`: a new version was stored and analysed within the wait; `tool.status` is ACTIVE or BLOCKED, `conflicts` its unresolved conflicts.', 201)
  @ApiZodResponse(QueuedRegistrationResponseSchema, 'Nothing new was stored (identical definition, or with `Prefer: wait` a return to an earlier version); `analysisRunId` is null when no analysis ran.')
  @ApiBadRequestResponse({ description: '`VALIDATION.FAILED`, naming the field' })
  @ApiNotFoundResponse({ description: '`ENVIRONMENT.NOT_FOUND`, `SERVER.NOT_FOUND`' })
  @ApiServiceUnavailableResponse({ description: '`QUEUE.UNAVAILABLE`: the analysis could not be enqueued (the run is marked FAILED; the version stays PENDING_ANALYSIS)' })
  async register(
    @Ctx() ctx: RequestContext,
    @Param('env') env: string,
    @Body(new ZodValidationPipe(RegisterToolRequestSchema)) body: RegisterToolRequest,
    @Res({ passthrough: true }) res: StatusSettable,
    @Headers('prefer') prefer?: string,
  ): Promise<QueuedRegistrationResponse> {
    const { server, ...definition } = body;
    const result = await this.queued.register(ctx, env, server, [definition], preferredWaitMs(prefer));
    return { ...respond(res, result, prefer), ...result.items[0]!, analysisRunId: result.analysisRunId, conflicts: result.conflicts, toolFindings: result.toolFindings };
  }

  // `tools:bulk` (Google AIP style) needs the colon escaped for Express' path-to-regexp; `tools/bulk` is an alias.
  @Post(['tools\\:bulk', 'tools/bulk'])
  @MinRole('developer')
  @ApiOperation({ summary: "Register a server's tools in one request (a `tools/list` result); all-or-nothing validation. One analysis run for the changed definitions; `Prefer` as for one tool." })
  @ApiZodBody(BulkRegisterRequestSchema)
  @ApiHeader({ name: 'Prefer', required: false, description: PREFER_DESCRIPTION })
  @ApiAcceptedResponse({ schema: openApiSchema(QueuedBulkRegistrationResponseSchema, 'output'), description: 'Changed definitions stored PENDING_ANALYSIS, analysis queued (the default, or the wait ran out).' })
  @ApiZodResponse(QueuedBulkRegistrationResponseSchema, 'With `Prefer: wait`: at least one new version was stored and the analysis finished within the wait.', 201)
  @ApiZodResponse(QueuedBulkRegistrationResponseSchema, 'Every definition was identical to the stored one (or, with `Prefer: wait`, an earlier version).')
  @ApiBadRequestResponse({ description: '`VALIDATION.FAILED`, naming the field' })
  @ApiNotFoundResponse({ description: '`ENVIRONMENT.NOT_FOUND`, `SERVER.NOT_FOUND`' })
  @ApiServiceUnavailableResponse({ description: '`QUEUE.UNAVAILABLE`: the analysis could not be enqueued' })
  async registerBulk(
    @Ctx() ctx: RequestContext,
    @Param('env') env: string,
    @Body(new ZodValidationPipe(BulkRegisterRequestSchema)) body: BulkRegisterRequest,
    @Res({ passthrough: true }) res: StatusSettable,
    @Headers('prefer') prefer?: string,
  ): Promise<QueuedBulkRegistrationResponse> {
    const result = await this.queued.register(ctx, env, body.server, body.tools, preferredWaitMs(prefer));
    return { ...respond(res, result, prefer), items: result.items, analysisRunId: result.analysisRunId, conflicts: result.conflicts, toolFindings: result.toolFindings };
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

/**
 * Sets the status: 202 while the analysis is pending; once settled, 201 when a version was created, else 200.
 * `Preference-Applied` names the preference honoured: `respond-async` when asked for, `wait=<s>` when the API waited
 * and has the result. Returns nothing to merge (the body is built by the caller).
 */
function respond(res: StatusSettable, result: QueuedRegistration, prefer: string | undefined): Record<string, never> {
  const wait = preferredWaitMs(prefer);
  if (!result.settled) {
    res.status(202);
    if (prefer !== undefined && /(^|[,;\s])respond-async($|[,;\s])/i.test(prefer)) res.setHeader('Preference-Applied', 'respond-async');
  } else {
    res.status(result.created ? 201 : 200);
    if (wait > 0 && result.analysisRunId !== null) res.setHeader('Preference-Applied', `wait=${wait / 1000}`);
  }
  return {};
}
