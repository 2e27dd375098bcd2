import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AppConfig, bearerTokenCheck, DomainError } from '@toolgate/config';
import { Public } from '../auth/roles.decorator';
import { ApiMetrics } from './metrics.service';

interface HeaderSettable {
  setHeader(name: string, value: string): unknown;
}

/**
 * GET /metrics in the Prometheus text format, outside /v1 and outside the OpenAPI document (it is not
 * part of the registry API; docs/observability.md describes it). Not behind the user authentication:
 * a scraper has no user. With METRICS_TOKEN set it needs `Authorization: Bearer <METRICS_TOKEN>`.
 */
@ApiExcludeController()
@Public()
@Controller()
export class MetricsController {
  private readonly authorized: (authorization: string | undefined) => boolean;

  constructor(
    private readonly metrics: ApiMetrics,
    config: AppConfig,
  ) {
    this.authorized = bearerTokenCheck(config.values.METRICS_TOKEN);
  }

  @Get('metrics')
  async scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: HeaderSettable): Promise<string> {
    if (!this.authorized(authorization)) {
      throw new DomainError('unauthenticated', 'METRICS.UNAUTHENTICATED', 'Send `Authorization: Bearer <METRICS_TOKEN>` to read the metrics');
    }
    res.setHeader('Content-Type', this.metrics.registry.contentType);
    return this.metrics.scrape();
  }
}
