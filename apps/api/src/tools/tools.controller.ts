import { Controller, Delete, Get, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DefaultOrganisationGuard } from '../registry/default-organisation.guard';
import { Ctx, type RequestContext } from '../registry/request-context';
import type { ToolDetailResponse } from './tool.response';
import { type RemovedToolResponse, ToolsService } from './tools.service';

@ApiTags('tools')
@UseGuards(DefaultOrganisationGuard)
@Controller('v1/tools')
export class ToolsController {
  constructor(private readonly tools: ToolsService) {}

  @Get(':id')
  @ApiOperation({ summary: 'Get a tool with all its versions.' })
  @ApiOkResponse({ description: 'The tool and `versions` (oldest first).' })
  @ApiNotFoundResponse({ description: '`TOOL.NOT_FOUND`' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ToolDetailResponse> {
    return this.tools.get(ctx, id);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Remove a tool (soft delete: status REMOVED, history kept); resolves its open conflicts and re-analyses the tools it blocked.' })
  @ApiOkResponse({ description: '`{ tool, resolvedConflictIds, reanalysedTools }`' })
  @ApiNotFoundResponse({ description: '`TOOL.NOT_FOUND`' })
  remove(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<RemovedToolResponse> {
    return this.tools.remove(ctx, id);
  }
}
