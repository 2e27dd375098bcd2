import { Body, Controller, Get, Headers, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { MinRole, Roles } from '../auth/roles.decorator';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodBody, ApiZodResponse, openApiSchema } from '../registry/zod-openapi';
import { contentHash } from '../tools/canonical-json';
import { type CiCheckRequest, CiCheckRequestSchema, parseIdempotencyKey } from './ci-check.request';
import { CiCheckResponseSchema } from './ci-check.response';
import { CiCheckService } from './ci-check.service';
import { CiRoutingResultService } from './ci-routing-result.service';
import { IdempotencyStore } from './idempotency.store';

/** The slice of Express' response used for the status and the replay header. */
interface ResponseLike {
  status(code: number): unknown;
  setHeader(name: string, value: string): unknown;
}

// The global AuthenticationGuard fills the RequestContext; the CI gate is the one write a ci-agent may make.
@ApiTags('webhooks')
@ApiBearerAuth()
@Controller('v1/webhooks/ci-check')
export class CiCheckController {
  constructor(
    private readonly checks: CiCheckService,
    private readonly idempotency: IdempotencyStore,
    private readonly routingResults: CiRoutingResultService,
  ) {}

  @Post()
  @Roles('ci-agent', 'developer', 'reviewer', 'admin')
  @ApiOperation({
    summary: 'CI gate: check tools against the environment; 200 when nothing blocks, 409 with reasons and recommendations otherwise.',
    description: "Runs on the API's cached index of the environment's registry (refreshed when its registry revision moves) with the environment's providers (deployment config + `providerOverrides`).",
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key + same body within 24 h replays the stored response; another body is 422 `IDEMPOTENCY.KEY_REUSED`.' })
  @ApiZodBody(CiCheckRequestSchema)
  @ApiZodResponse(CiCheckResponseSchema, 'Passed: no conflict or tool finding reaches the blocking severity.')
  @ApiConflictResponse({ description: 'Blocked: `passed: false` with `blocking`, `conflicts` and `recommendations`', schema: openApiSchema(CiCheckResponseSchema, 'output') })
  @ApiBadRequestResponse({ description: '`VALIDATION.FAILED`, naming the field' })
  @ApiNotFoundResponse({ description: '`ENVIRONMENT.NOT_FOUND`; with `register: true` also `SERVER.NOT_FOUND`' })
  @ApiUnprocessableEntityResponse({ description: '`IDEMPOTENCY.KEY_REUSED`' })
  @ApiServiceUnavailableResponse({ description: "`PROVIDER.UNAVAILABLE`: the environment's embedder failed or its circuit is open (a router failure only skips stage 4)" })
  async check(
    @Ctx() ctx: RequestContext,
    @Body(new ZodValidationPipe(CiCheckRequestSchema)) body: CiCheckRequest,
    @Headers('idempotency-key') idempotencyHeader: string | undefined,
    @Res({ passthrough: true }) res: ResponseLike,
  ): Promise<unknown> {
    const idempotencyKey = parseIdempotencyKey(idempotencyHeader);
    const run = async () => {
      const result = await this.checks.check(ctx, body);
      return { status: result.passed ? 200 : 409, body: result as unknown };
    };
    const response = idempotencyKey
      ? await this.idempotency.run(`ci-check:${ctx.organisationId}`, idempotencyKey, contentHash(body), run)
      : { ...(await run()), replayed: false };
    res.status(response.status);
    if (response.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return response.body;
  }

  @Get(':checkId/routing')
  @MinRole('viewer')
  @ApiOperation({ summary: "A queued CI routing simulation's result: `pending` until the worker has run it." })
  @ApiNotFoundResponse({ description: '`CI_CHECK.NOT_FOUND`: no queued routing for this check (or it expired after 24 h)' })
  routing(@Ctx() ctx: RequestContext, @Param('checkId', new ParseUUIDPipe()) checkId: string): Promise<unknown> {
    return this.routingResults.get(ctx, checkId);
  }
}
