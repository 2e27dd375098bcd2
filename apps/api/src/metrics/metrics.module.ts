import { type DynamicModule, Global, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { AppConfig, type Config } from '@toolgate/config';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { ApiMetrics } from './metrics.service';

/**
 * Prometheus metrics (docs/observability.md). ApiMetrics is always provided (global) so services can
 * count without checking the configuration; with METRICS_ENABLED=false there is no /metrics route, no
 * request timing and no default Node metrics.
 */
@Global()
@Module({})
export class MetricsModule implements NestModule {
  constructor(private readonly config: AppConfig) {}

  static forRoot(config: Pick<Config, 'METRICS_ENABLED'>): DynamicModule {
    return {
      module: MetricsModule,
      providers: [ApiMetrics, HttpMetricsMiddleware],
      exports: [ApiMetrics],
      controllers: config.METRICS_ENABLED ? [MetricsController] : [],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (this.config.values.METRICS_ENABLED) consumer.apply(HttpMetricsMiddleware).forRoutes({ path: '{*splat}', method: RequestMethod.ALL });
  }
}
