import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBadRequestResponse, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Page } from '@toolgate/db';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { MinRole } from '../auth/roles.decorator';
import { type PageQuery, PageQuerySchema } from '../registry/page.request';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, pageSchema } from '../registry/zod-openapi';
import { type CreateEnvironmentRequest, CreateEnvironmentRequestSchema, type UpdatePolicyRequest, UpdatePolicyRequestSchema } from './environment.request';
import { type EnvironmentResponse, EnvironmentResponseSchema } from './environment.response';
import { EnvironmentsService } from './environments.service';

@ApiTags('environments')
@ApiBearerAuth()
@Controller('v1/environments')
export class EnvironmentsController {
  constructor(private readonly environments: EnvironmentsService) {}

  @Post()
  @MinRole('admin')
  @ApiOperation({
    summary: 'Create an environment (a registry with its own policy).',
    description: 'Optional `providerOverrides` (docs/providers.md): embedder/router kind, model, base URL, dimensions, temperature and the NAME of a `TOOLGATE_PROVIDER_KEY_*` variable holding a key. Raw keys are refused (400 naming the field).',
  })
  @ApiZodBody(CreateEnvironmentRequestSchema)
  @ApiZodResponse(EnvironmentResponseSchema, 'The environment with its policy.', 201)
  @ApiBadRequestResponse({ description: '`VALIDATION.FAILED`' })
  @ApiConflictResponse({ description: '`ENVIRONMENT.ALREADY_EXISTS`' })
  create(@Ctx() ctx: RequestContext, @Body(new ZodValidationPipe(CreateEnvironmentRequestSchema)) body: CreateEnvironmentRequest): Promise<EnvironmentResponse> {
    return this.environments.create(ctx, body);
  }

  @Get()
  @MinRole('viewer')
  @ApiOperation({ summary: "List the organisation's environments (cursor pagination)." })
  @ApiZodQuery(PageQuerySchema)
  @ApiZodResponse(pageSchema(EnvironmentResponseSchema), 'A page of environments, oldest first.')
  list(@Ctx() ctx: RequestContext, @Query(new ZodValidationPipe(PageQuerySchema)) page: PageQuery): Promise<Page<EnvironmentResponse>> {
    return this.environments.list(ctx, page);
  }

  @Get(':env')
  @MinRole('viewer')
  @ApiOperation({ summary: 'Get an environment by id or name.' })
  @ApiZodResponse(EnvironmentResponseSchema, 'The environment with its policy.')
  @ApiNotFoundResponse({ description: '`ENVIRONMENT.NOT_FOUND`' })
  get(@Ctx() ctx: RequestContext, @Param('env') env: string): Promise<EnvironmentResponse> {
    return this.environments.get(ctx, env);
  }

  @Patch(':env')
  @MinRole('admin')
  @ApiOperation({
    summary: "Change an environment's policy and/or provider overrides (any subset of the fields); audited as policy.changed with before/after.",
    description: '`providerOverrides` replaces the whole override object (`{}` returns to the deployment providers). 400 naming the field for an unknown or secret-looking field, or a key variable that is not set.',
  })
  @ApiZodBody(UpdatePolicyRequestSchema)
  @ApiZodResponse(EnvironmentResponseSchema, 'The environment with its new policy.')
  @ApiBadRequestResponse({ description: '`VALIDATION.FAILED` (names the field)' })
  @ApiNotFoundResponse({ description: '`ENVIRONMENT.NOT_FOUND`' })
  updatePolicy(@Ctx() ctx: RequestContext, @Param('env') env: string, @Body(new ZodValidationPipe(UpdatePolicyRequestSchema)) body: UpdatePolicyRequest): Promise<EnvironmentResponse> {
    return this.environments.updatePolicy(ctx, env, body);
  }
}
