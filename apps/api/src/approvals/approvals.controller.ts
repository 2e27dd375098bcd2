import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Page } from '@toolgate/db';
import { MinRole } from '../auth/roles.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, pageSchema } from '../registry/zod-openapi';
import { type ApprovalListQuery, ApprovalListQuerySchema, type DecisionRequest, DecisionRequestSchema, type OpenApprovalRequest, OpenApprovalRequestSchema } from './approval.request';
import { type ApprovalResponse, ApprovalResponseSchema, type DecisionResponse, DecisionResponseSchema } from './approval.response';
import { ApprovalsService } from './approvals.service';

interface StatusSettable {
  status(code: number): unknown;
}

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('v1/approvals')
export class ApprovalsController {
  constructor(private readonly approvals: ApprovalsService) {}

  @Post()
  @MinRole('developer')
  @ApiOperation({ summary: "Open an approval request for a BLOCKED tool's current version (201), or get the pending one (200)." })
  @ApiZodBody(OpenApprovalRequestSchema)
  @ApiZodResponse(ApprovalResponseSchema, 'The request.', 201)
  @ApiUnprocessableEntityResponse({ description: '`APPROVAL.NOT_BLOCKED`' })
  async open(@Ctx() ctx: RequestContext, @Body(new ZodValidationPipe(OpenApprovalRequestSchema)) body: OpenApprovalRequest, @Res({ passthrough: true }) res: StatusSettable): Promise<ApprovalResponse> {
    const { approval, created } = await this.approvals.open(ctx, body);
    res.status(created ? 201 : 200);
    return approval;
  }

  @Get()
  @MinRole('viewer')
  @ApiOperation({ summary: 'List approval requests (filters: status, environment), cursor pagination.' })
  @ApiZodQuery(ApprovalListQuerySchema)
  @ApiZodResponse(pageSchema(ApprovalResponseSchema), 'A page of requests, oldest first.')
  list(@Ctx() ctx: RequestContext, @Query(new ZodValidationPipe(ApprovalListQuerySchema)) query: ApprovalListQuery): Promise<Page<ApprovalResponse>> {
    return this.approvals.list(ctx, query);
  }

  @Get(':id')
  @MinRole('viewer')
  @ApiOperation({ summary: 'An approval request with its tool version and blocking conflicts (with recommendations).' })
  @ApiZodResponse(ApprovalResponseSchema, 'The request.')
  @ApiNotFoundResponse({ description: '`APPROVAL.NOT_FOUND`' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ApprovalResponse> {
    return this.approvals.get(ctx, id);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @MinRole('reviewer')
  @ApiOperation({ summary: 'Approve (reviewer+, not the requester): the version becomes the approved one and the tool ACTIVE. Says whether the blocking conflicts changed since the request.' })
  @ApiZodBody(DecisionRequestSchema)
  @ApiZodResponse(DecisionResponseSchema, 'The decided request, with `registryChanged`.')
  @ApiConflictResponse({ description: '`APPROVAL.ALREADY_DECIDED` (e.g. a concurrent decision won), `APPROVAL.EXPIRED`, `APPROVAL.SUPERSEDED`' })
  @ApiUnprocessableEntityResponse({ description: '`APPROVAL.SELF_APPROVAL`' })
  approve(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodValidationPipe(DecisionRequestSchema)) body: DecisionRequest): Promise<DecisionResponse> {
    return this.approvals.approve(ctx, id, body.reason);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @MinRole('reviewer')
  @ApiOperation({ summary: 'Reject (reviewer+): the tool becomes REJECTED.' })
  @ApiZodBody(DecisionRequestSchema)
  @ApiZodResponse(DecisionResponseSchema, 'The decided request.')
  @ApiConflictResponse({ description: '`APPROVAL.ALREADY_DECIDED`, `APPROVAL.EXPIRED`, `APPROVAL.SUPERSEDED`' })
  reject(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodValidationPipe(DecisionRequestSchema)) body: DecisionRequest): Promise<DecisionResponse> {
    return this.approvals.reject(ctx, id, body.reason);
  }
}
