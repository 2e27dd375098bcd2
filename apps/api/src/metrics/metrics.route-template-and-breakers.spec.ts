import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Controller, Get, Global, type INestApplication, Module, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig, loadConfig } from '@toolgate/config';
import { syncBreakersKey } from '@toolgate/jobs';
import type { ProviderSetState } from '@toolgate/providers';
import { RedisConnection } from '../infra/redis.connection';
import { ApiModelProviders } from '../providers/model-providers.service';
import { MetricsModule } from './metrics.module';
import { ApiMetrics } from './metrics.service';

// A real Nest/Express app with the metrics module and the shared local Redis (own key prefix); the
// provider sets are the one stand-in: their breaker states are what the gauge must translate.
const prefix = `spec-metrics-${randomBytes(4).toString('hex')}`;
const config = new AppConfig(loadConfig({ DATABASE_URL: 'postgres://unused/db', REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: prefix }));
let providerSets: ProviderSetState[] = [];

@Controller('v1/environments')
class ToolsStubController {
  @Get(':env/tools/:name')
  tool(@Param('name') name: string): { name: string } {
    return { name };
  }
}

@Global()
@Module({
  providers: [{ provide: AppConfig, useValue: config }, RedisConnection, { provide: ApiModelProviders, useValue: { states: () => providerSets } }],
  exports: [AppConfig, RedisConnection, ApiModelProviders],
})
class DependenciesModule {}

@Module({ imports: [DependenciesModule, MetricsModule.forRoot(config.values)], controllers: [ToolsStubController] })
class SpecModule {}

describe('API metrics: route templates and breaker gauges', () => {
  let app: INestApplication;
  let baseUrl: string;
  let redis: RedisConnection;

  beforeAll(async () => {
    app = await NestFactory.create(SpecModule, { logger: false });
    await app.listen(0, '127.0.0.1');
    baseUrl = await app.getUrl();
    redis = app.get(RedisConnection);
  });
  afterAll(async () => {
    const keys = await redis.client.keys(`${prefix}*`);
    if (keys.length > 0) await redis.client.del(...keys);
    await app.close();
  });

  const scrape = async () => {
    const response = await fetch(`${baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    return response.text();
  };

  it('labels requests with the matched route template, never the raw path, and does not time scrapes', async () => {
    for (const name of ['get_weather', 'get_forecast']) expect((await fetch(`${baseUrl}/v1/environments/prod-7f3a/tools/${name}`)).status).toBe(200);
    expect((await fetch(`${baseUrl}/no/such/route-42`)).status).toBe(404);
    await scrape();
    const text = await scrape();

    expect(text).toContain('toolgate_http_request_duration_seconds_count{method="GET",route="/v1/environments/:env/tools/:name",status_code="200"} 2');
    expect(text).toContain('toolgate_http_request_duration_seconds_count{method="GET",route="<unmatched>",status_code="404"} 1');
    expect(text).not.toContain('prod-7f3a');
    expect(text).not.toContain('get_weather');
    expect(text).not.toContain('route-42');
    expect(text).not.toContain('route="/metrics"');
    // prom-client's default Node metrics, with our prefix.
    expect(text).toMatch(/^toolgate_process_cpu_seconds_total \d/m);
  });

  it('reports provider breakers as 0 closed, 0.5 half-open, 1 open, and local providers not at all', async () => {
    providerSets = [
      { scope: 'default', embedder: { model: 'local-hash-v1', breaker: 'none' }, router: { model: 'local-router', breaker: 'none' } },
      { scope: '{"embedder":{"kind":"openai"}}', embedder: { model: 'openai:text-embedding-3-small', breaker: 'open' }, router: { model: 'openai:gpt-4o-mini', breaker: 'half-open' } },
      { scope: '{"router":{"kind":"anthropic"}}', embedder: { model: 'local-hash-v1', breaker: 'none' }, router: { model: 'anthropic:claude', breaker: 'closed' } },
    ];
    const text = await scrape();
    const lines = text.split('\n').filter((line) => line.startsWith('toolgate_provider_breaker_state{'));
    expect(lines.sort()).toEqual(
      [
        'toolgate_provider_breaker_state{provider_set="{\\"embedder\\":{\\"kind\\":\\"openai\\"}}",dependency="embedder"} 1',
        'toolgate_provider_breaker_state{provider_set="{\\"embedder\\":{\\"kind\\":\\"openai\\"}}",dependency="router"} 0.5',
        'toolgate_provider_breaker_state{provider_set="{\\"router\\":{\\"kind\\":\\"anthropic\\"}}",dependency="router"} 0',
      ].sort(),
    );
    // Read on every scrape: a breaker that closed again reads 0 at the next scrape.
    providerSets = [{ ...providerSets[1]!, embedder: { model: 'openai:text-embedding-3-small', breaker: 'closed' }, router: { model: 'openai:gpt-4o-mini', breaker: 'closed' } }];
    expect((await scrape()).split('\n').filter((line) => line.startsWith('toolgate_provider_breaker_state{') && line.endsWith(' 0'))).toHaveLength(2);
  });

  it('reports the sync breakers the workers publish to Redis, and every queue by state', async () => {
    const state = (serverId: string, s: string) => JSON.stringify({ serverId, state: s, updatedAt: new Date().toISOString(), lastError: null });
    await redis.client.hset(syncBreakersKey(prefix), 'srv-a', state('srv-a', 'open'), 'srv-b', state('srv-b', 'closed'), 'junk', '{"not":"a breaker"}');
    const text = await scrape();
    expect(text).toContain('toolgate_sync_breaker_state{server_id="srv-a"} 1');
    expect(text).toContain('toolgate_sync_breaker_state{server_id="srv-b"} 0');
    expect(text.match(/^toolgate_sync_breaker_state\{/gm)).toHaveLength(2);
    for (const queue of ['analysis', 'analysis-shards', 'simulation', 'notifications', 'sync', 'maintenance']) {
      for (const s of ['waiting', 'active', 'delayed', 'failed']) expect(text).toContain(`toolgate_queue_jobs{queue="${queue}",state="${s}"} 0`);
    }
  });

  it('counts CI gate outcomes and index refreshes through ApiMetrics', async () => {
    const metrics = app.get(ApiMetrics);
    metrics.ciGateCheck('passed');
    metrics.ciGateCheck('blocked');
    metrics.ciGateCheck('blocked');
    metrics.registryIndexRefreshed(0.2);
    const text = await scrape();
    expect(text).toContain('toolgate_ci_gate_checks_total{outcome="blocked"} 2');
    expect(text).toContain('toolgate_registry_index_refresh_seconds_bucket{le="0.25"} 1');
    expect(text).toContain('toolgate_registry_index_refresh_seconds_bucket{le="0.1"} 0');
  });
});

describe('API metrics with METRICS_ENABLED=false', () => {
  const disabled = new AppConfig(loadConfig({ DATABASE_URL: 'postgres://unused/db', REDIS_URL: 'redis://127.0.0.1:6379', REDIS_PREFIX: prefix, METRICS_ENABLED: 'false' }));

  @Global()
  @Module({
    providers: [{ provide: AppConfig, useValue: disabled }, RedisConnection, { provide: ApiModelProviders, useValue: { states: () => [] } }],
    exports: [AppConfig, RedisConnection, ApiModelProviders],
  })
  class DisabledDependenciesModule {}

  @Module({ imports: [DisabledDependenciesModule, MetricsModule.forRoot(disabled.values)], controllers: [ToolsStubController] })
  class DisabledModule {}

  it('serves no /metrics and times nothing, while services can still count', async () => {
    const app = await NestFactory.create(DisabledModule, { logger: false });
    try {
      await app.listen(0, '127.0.0.1');
      const url = await app.getUrl();
      expect((await fetch(`${url}/v1/environments/prod/tools/x`)).status).toBe(200);
      expect((await fetch(`${url}/metrics`)).status).toBe(404);
      const metrics = app.get(ApiMetrics);
      metrics.ciGateCheck('passed');
      const text = await metrics.registry.metrics();
      expect(text).not.toContain('toolgate_http_request_duration_seconds_count');
      expect(text).not.toContain('toolgate_process_cpu');
    } finally {
      await app.close();
    }
  });
});
