import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { MinRole } from '../auth/roles.decorator';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodResponse, openApiSchema } from '../registry/zod-openapi';
import { type AnalysisRunAccepted, AnalysisRunAcceptedSchema, type AnalysisRunResponse, AnalysisRunResponseSchema } from './analysis-run.response';
import { AnalysisRunsService } from './analysis-runs.service';

@ApiTags('analysis-runs')
@ApiBearerAuth()
@Controller('v1')
export class AnalysisRunsController {
  constructor(private readonly runs: AnalysisRunsService) {}

  @Post('environments/:env/analysis-runs')
  @HttpCode(202)
  @MinRole('developer')
  @ApiOperation({ summary: 'Start a full re-scan of the environment on the analysis queue.' })
  @ApiAcceptedResponse({ description: 'The run was recorded and queued; poll `GET /v1/analysis-runs/{id}`.', schema: openApiSchema(AnalysisRunAcceptedSchema, 'output') })
  @ApiNotFoundResponse({ description: '`ENVIRONMENT.NOT_FOUND`' })
  @ApiServiceUnavailableResponse({ description: '`QUEUE.UNAVAILABLE`: Redis is down; the run is recorded FAILED' })
  start(@Ctx() ctx: RequestContext, @Param('env') env: string): Promise<AnalysisRunAccepted> {
    return this.runs.start(ctx, env);
  }

  @Get('analysis-runs/:id')
  @MinRole('viewer')
  @ApiOperation({ summary: 'An analysis run: trigger, status, stage timings, counts, error.' })
  @ApiZodResponse(AnalysisRunResponseSchema, 'The run.')
  @ApiNotFoundResponse({ description: '`ANALYSIS_RUN.NOT_FOUND`' })
  get(@Ctx() ctx: RequestContext, @Param('id', new ParseUUIDPipe()) id: string): Promise<AnalysisRunResponse> {
    return this.runs.get(ctx, id);
  }
}
