import { Injectable } from '@nestjs/common';
import { AuditRepository } from '@toolgate/db';
import type { RequestContext } from '../registry/request-context';
import type { AuditExportQuery, AuditListQuery } from './audit.request';
import { type AuditPageResponse, type AuditVerifyResponse, toAuditEntryResponse, toAuditVerifyResponse } from './audit.response';
import { productVersion } from './product-version';

/** What the export endpoint streams: the content type, the last sequence (for the next pull) and the body. */
export interface AuditExportStream {
  contentType: string;
  lastSeq: number;
  chunks: AsyncIterable<string>;
}

/** Reading the audit log. Entries are written by the repositories that make the changes, never here. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  async list(ctx: RequestContext, query: AuditListQuery): Promise<AuditPageResponse> {
    const filter = {
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
      action: query.action,
      actorType: query.actorType,
      actorId: query.actorId,
      resourceType: query.resourceType,
      resourceId: query.resourceId,
    };
    const page = await this.audit.list(ctx.organisationId, filter, { limit: query.limit, cursor: query.cursor });
    return { items: page.items.map(toAuditEntryResponse), nextCursor: page.nextCursor };
  }

  async verify(ctx: RequestContext): Promise<AuditVerifyResponse> {
    return toAuditVerifyResponse(await this.audit.verify(ctx.organisationId));
  }

  async export(ctx: RequestContext, query: AuditExportQuery): Promise<AuditExportStream> {
    const out = await this.audit.exportStream(ctx.organisationId, { since: query.since, until: query.until, format: query.format, productVersion: productVersion() });
    return { contentType: query.format === 'cef' ? 'text/plain; charset=utf-8' : 'application/x-ndjson; charset=utf-8', lastSeq: out.lastSeq, chunks: out.chunks };
  }
}
