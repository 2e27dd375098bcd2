import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { MinRole } from '../auth/roles.decorator';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodQuery, ApiZodResponse } from '../registry/zod-openapi';
import { type AuditExportQuery, AuditExportQuerySchema, type AuditListQuery, AuditListQuerySchema } from './audit.request';
import { type AuditPageResponse, AuditPageResponseSchema, type AuditVerifyResponse, AuditVerifyResponseSchema } from './audit.response';
import { AuditService } from './audit.service';

/** The response header carrying the export's last sequence: the `since` of the next incremental pull. */
export const LAST_SEQUENCE_HEADER = 'X-Toolgate-Last-Sequence';

// The organisation comes from the RequestContext (the authentication guard): a caller sees its own log only.
@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit-logs')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @MinRole('viewer')
  @ApiOperation({ summary: 'List audit entries by ascending sequence (filters: time range, action, actor, resource), cursor pagination.' })
  @ApiZodQuery(AuditListQuerySchema)
  @ApiZodResponse(AuditPageResponseSchema, 'A page of entries; `nextCursor` is the last sequence of the page.')
  list(@Ctx() ctx: RequestContext, @Query(new ZodValidationPipe(AuditListQuerySchema)) query: AuditListQuery): Promise<AuditPageResponse> {
    return this.audit.list(ctx, query);
  }

  @Get('verify')
  @MinRole('viewer')
  @ApiOperation({ summary: "Recompute the organisation's hash chain and report the first broken link." })
  @ApiZodResponse(AuditVerifyResponseSchema, '`ok`, entries checked, the last valid link and the first broken one.')
  verify(@Ctx() ctx: RequestContext): Promise<AuditVerifyResponse> {
    return this.audit.verify(ctx);
  }

  @Get('export')
  @MinRole('reviewer')
  @ApiOperation({
    summary: `Stream entries with since < seq <= until as JSON Lines or CEF. The ${LAST_SEQUENCE_HEADER} header is the last sequence: pass it as the next \`since\`.`,
  })
  @ApiZodQuery(AuditExportQuerySchema)
  @ApiProduces('application/x-ndjson', 'text/plain')
  async export(@Ctx() ctx: RequestContext, @Query(new ZodValidationPipe(AuditExportQuerySchema)) query: AuditExportQuery, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const out = await this.audit.export(ctx, query);
    res.setHeader(LAST_SEQUENCE_HEADER, String(out.lastSeq));
    res.setHeader('Cache-Control', 'no-store');
    // Readable.from pulls the next batch only when the socket drains: memory stays at about one batch.
    return new StreamableFile(Readable.from(out.chunks), { type: out.contentType });
  }
}
