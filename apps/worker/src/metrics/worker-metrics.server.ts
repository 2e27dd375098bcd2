import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, bearerTokenCheck } from '@toolgate/config';
import { registerProviderBreakerGauge } from '@toolgate/providers';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { EnvironmentModelProviders } from '../providers/environment-model-providers';

const PREFIX = 'toolgate_';

/**
 * The worker's own GET /metrics (docs/observability.md), on WORKER_METRICS_PORT: the model-provider breakers
 * of this worker's provider sets (re-scans, registration analyses, queued CI routing call the models here,
 * so their breakers live here) and the process metrics. Queue depths and the sync breakers are already on
 * the API's /metrics. A plain node:http listener: a worker has no HTTP application to mount it on.
 */
@Injectable()
export class WorkerMetricsServer implements OnModuleDestroy {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  readonly registry = new Registry();
  private server: Server | undefined;

  constructor(
    private readonly config: AppConfig,
    models: EnvironmentModelProviders,
  ) {
    if (config.values.METRICS_ENABLED) collectDefaultMetrics({ register: this.registry, prefix: PREFIX });
    registerProviderBreakerGauge(this.registry, () => models.states(), PREFIX, 'worker');
  }

  /** Listens on WORKER_METRICS_PORT when it is set (and metrics are enabled); resolves with the bound port. */
  async start(): Promise<number | undefined> {
    const { WORKER_METRICS_PORT: port, METRICS_ENABLED } = this.config.values;
    if (port === undefined || !METRICS_ENABLED) return undefined;
    const authorized = bearerTokenCheck(this.config.values.METRICS_TOKEN);
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'NOT_FOUND', message: 'Only GET /metrics is served here' }));
        return;
      }
      if (!authorized(req.headers.authorization)) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'METRICS.UNAUTHENTICATED', message: 'Send `Authorization: Bearer <METRICS_TOKEN>` to read the metrics' }));
        return;
      }
      this.registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
        (error: unknown) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 'METRICS.FAILED', message: (error as Error).message })),
      );
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
    const bound = (server.address() as AddressInfo).port;
    this.logger.log(`Worker metrics on :${bound}/metrics`);
    return bound;
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // A scraper's keep-alive connection must not hold the shutdown.
    server.closeAllConnections();
    await closed;
  }
}
