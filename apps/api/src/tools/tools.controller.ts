import { Controller, Delete, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../auth/roles.decorator';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodResponse } from '../registry/zod-openapi';
import { type RemovedToolResponse, RemovedToolResponseSchema, type ToolDetailResponse, ToolDetailResponseSchema } from './tool.response';
import { ToolsService } from './tools.service';

@ApiTags('tools')
@ApiBearerAuth()
@Controller('v1/tools')
export class ToolsController {
  constructor(private readonly tools: ToolsService) {}

  @Get(':id')
  @MinRole('viewer')
  @ApiOperation({ summary: 'Get a tool with all its versions.' })
  @ApiZodResponse(ToolDetailResponseSchema, 'The tool and `versions` (oldest first).')
  @ApiNotFoundResponse({ description: '`TOOL.NOT_FOUND`' })
  get(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<ToolDetailResponse> {
    return this.tools.get(ctx, id);
  }

  @Delete(':id')
  @MinRole('developer')
  @ApiOperation({ summary: 'Remove a tool (soft delete: status REMOVED, history kept); resolves its open conflicts and re-analyses the tools it blocked.' })
  @ApiZodResponse(RemovedToolResponseSchema, 'The removed tool, the conflicts resolved, and the re-analysed tools.')
  @ApiNotFoundResponse({ description: '`TOOL.NOT_FOUND`' })
  remove(@Ctx() ctx: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<RemovedToolResponse> {
    return this.tools.remove(ctx, id);
  }
}
