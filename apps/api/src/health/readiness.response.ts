import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Response shapes of the health endpoints, as classes so @nestjs/swagger can describe them.

export class HealthResponse {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

export class DependencyCheck {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiProperty({ description: 'How long the check took, in milliseconds (until the failure or timeout when it failed).' })
  latencyMs!: number;

  @ApiPropertyOptional({ description: 'Why the check failed.' })
  error?: string;
}

export class WorkerCheck {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: 'ok' | 'error';

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Newest heartbeat of any worker.' })
  lastHeartbeatAt!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Age of that heartbeat in milliseconds.' })
  ageMs!: number | null;

  @ApiPropertyOptional({ description: 'Why the check failed.' })
  error?: string;
}

export class ProviderState {
  @ApiProperty({ description: 'Model in use, e.g. `local-hash-v1` or `openai:text-embedding-3-small`.' })
  model!: string;

  @ApiProperty({ enum: ['closed', 'open', 'half-open', 'none'], description: 'Circuit breaker state; `none` for local providers (no remote dependency).' })
  breaker!: 'closed' | 'open' | 'half-open' | 'none';
}

export class ProviderSetStatus {
  @ApiProperty({ description: '`default` (the deployment config), or the JSON of an environment\'s provider overrides in use (settings and key variable names only, never keys).' })
  scope!: string;

  @ApiProperty({ type: ProviderState })
  embedder!: ProviderState;

  @ApiProperty({ type: ProviderState })
  router!: ProviderState;
}

export class ProvidersCheck {
  @ApiProperty({ enum: ['ok', 'degraded'], description: '"degraded" while any breaker is open or half-open: analysis still runs, stage 4 is skipped with the reason (docs/providers.md).' })
  status!: 'ok' | 'degraded';

  @ApiProperty({ type: [ProviderSetStatus], description: "This API process's provider sets (the CI gate's embedder and router)." })
  sets!: ProviderSetStatus[];
}

export class ReadinessChecks {
  @ApiProperty({ type: DependencyCheck })
  postgres!: DependencyCheck;

  @ApiProperty({ type: DependencyCheck })
  redis!: DependencyCheck;

  @ApiProperty({ type: WorkerCheck })
  worker!: WorkerCheck;

  @ApiProperty({ type: ProvidersCheck })
  providers!: ProvidersCheck;
}

/** One MCP server's sync circuit breaker, as the worker that synced it last published it. */
export class SyncBreakerCheck {
  @ApiProperty()
  serverId!: string;

  @ApiProperty({ enum: ['closed', 'open', 'half-open'], description: 'open: syncs of this server fail at once with CIRCUIT_OPEN until the reset timeout.' })
  state!: 'closed' | 'open' | 'half-open';

  @ApiProperty({ type: String, format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The last failed sync\'s reason (null after a success).' })
  lastError!: string | null;
}

export class ReadinessResponse {
  @ApiProperty({
    enum: ['ok', 'degraded', 'error'],
    description: '"error" (with HTTP 503) when Postgres, Redis or the worker check failed; "degraded" (HTTP 200) when only a provider breaker is open: the service still answers, with stage 4 skipped and said so.',
  })
  status!: 'ok' | 'degraded' | 'error';

  @ApiProperty({ type: ReadinessChecks })
  checks!: ReadinessChecks;

  @ApiPropertyOptional({ type: [SyncBreakerCheck], description: 'Per-server sync circuit breakers (informational: an open one does not make the API unready).' })
  syncBreakers?: SyncBreakerCheck[];
}
