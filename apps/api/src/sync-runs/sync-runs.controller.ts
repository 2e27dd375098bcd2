import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotFoundError } from '@toolgate/config';
import { SyncRunRepository } from '@toolgate/db';
import { MinRole } from '../auth/roles.decorator';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodResponse } from '../registry/zod-openapi';
import { type SyncRunResponse, SyncRunResponseSchema, toSyncRunResponse } from './sync-run.response';

@ApiTags('servers')
@ApiBearerAuth()
@Controller('v1/sync-runs')
export class SyncRunsController {
  constructor(private readonly runs: SyncRunRepository) {}

  @Get(':id')
  @MinRole('viewer')
  @ApiOperation({ summary: 'A sync run: trigger, status, added/changed/removed/unchanged counts, server info, error.' })
  @ApiZodResponse(SyncRunResponseSchema, 'The run.')
  @ApiNotFoundResponse({ description: '`SYNC_RUN.NOT_FOUND`' })
  async get(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<SyncRunResponse> {
    const run = await this.runs.findById(ctx.organisationId, id);
    if (!run) throw new NotFoundError('SYNC_RUN.NOT_FOUND', `Sync run ${id} not found`, { id });
    return toSyncRunResponse(run);
  }
}
