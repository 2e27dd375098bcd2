import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBadRequestResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Page } from '@toolgate/db';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { MinRole } from '../auth/roles.decorator';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, pageSchema } from '../registry/zod-openapi';
import { type ConflictListQuery, ConflictListQuerySchema, type UpdateConflictRequest, UpdateConflictRequestSchema } from './conflict.request';
import { type ConflictDetailResponse, ConflictDetailResponseSchema, type ConflictResponse, ConflictResponseSchema } from './conflict.response';
import { ConflictsService } from './conflicts.service';
import { type RegistryHealthResponse, RegistryHealthResponseSchema } from './registry-health.response';

@ApiTags('conflicts')
@ApiBearerAuth()
@Controller('v1')
export class ConflictsController {
  constructor(private readonly conflicts: ConflictsService) {}

  @Get('environments/:env/conflicts')
  @MinRole('viewer')
  @ApiOperation({ summary: "List an environment's conflicts (filters: severity, status, tool), cursor pagination." })
  @ApiZodQuery(ConflictListQuerySchema)
  @ApiZodResponse(pageSchema(ConflictResponseSchema), 'A page of conflicts, oldest first.')
  @ApiNotFoundResponse({ description: '`ENVIRONMENT.NOT_FOUND`' })
  list(@Ctx() ctx: RequestContext, @Param('env') env: string, @Query(new ZodValidationPipe(ConflictListQuerySchema)) query: ConflictListQuery): Promise<Page<ConflictResponse>> {
    return this.conflicts.list(ctx, env, query);
  }

  @Get('environments/:env/health')
  @MinRole('viewer')
  @ApiOperation({ summary: 'Registry health: a 0–100 score and tool/conflict counts (formula in docs/api.md).' })
  @ApiZodResponse(RegistryHealthResponseSchema, 'Score and counts.')
  @ApiNotFoundResponse({ description: '`ENVIRONMENT.NOT_FOUND`' })
  health(@Ctx() ctx: RequestContext, @Param('env') env: string): Promise<RegistryHealthResponse> {
    return this.conflicts.health(ctx, env);
  }

  @Get('conflicts/:id')
  @MinRole('viewer')
  @ApiOperation({ summary: 'Get a conflict with its findings (evidence included) and recommendations.' })
  @ApiZodResponse(ConflictDetailResponseSchema, 'The conflict with findings and recommendations.')
  @ApiNotFoundResponse({ description: '`CONFLICT.NOT_FOUND`' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ConflictDetailResponse> {
    return this.conflicts.get(ctx, id);
  }

  @Patch('conflicts/:id')
  @MinRole('developer')
  @ApiOperation({ summary: 'Change a conflict status: OPEN → ACKNOWLEDGED → RESOLVED, or → SUPPRESSED (with `reason`).' })
  @ApiZodBody(UpdateConflictRequestSchema)
  @ApiZodResponse(ConflictDetailResponseSchema, 'The updated conflict.')
  @ApiNotFoundResponse({ description: '`CONFLICT.NOT_FOUND`' })
  @ApiBadRequestResponse({ description: '`VALIDATION.FAILED` (e.g. SUPPRESSED without `reason`)' })
  @ApiUnprocessableEntityResponse({ description: '`CONFLICT.INVALID_TRANSITION`' })
  update(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodValidationPipe(UpdateConflictRequestSchema)) body: UpdateConflictRequest): Promise<ConflictDetailResponse> {
    return this.conflicts.update(ctx, id, body);
  }
}
