import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/roles.decorator';
import { HealthResponse, ReadinessResponse } from './readiness.response';
import { ReadinessService } from './readiness.service';

/** The slice of Express' response this controller uses (the project does not depend on @types/express). */
interface StatusSettable {
  status(code: number): unknown;
}

// Probes answer without credentials: load balancers and orchestrators have none.
@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness: the process is up and serving HTTP. Checks no dependency.' })
  @ApiOkResponse({ type: HealthResponse })
  health(): HealthResponse {
    return { status: 'ok' };
  }

  @Get('readiness')
  @ApiOperation({ summary: 'Readiness: Postgres and Redis answer and a worker has sent a recent heartbeat; model providers and their circuit breakers (an open breaker degrades, it does not fail readiness).' })
  @ApiOkResponse({ type: ReadinessResponse })
  @ApiServiceUnavailableResponse({ type: ReadinessResponse, description: 'At least one check failed.' })
  async readinessCheck(@Res({ passthrough: true }) res: StatusSettable): Promise<ReadinessResponse> {
    const result = await this.readiness.check();
    res.status(result.status === 'error' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
    return result;
  }
}
