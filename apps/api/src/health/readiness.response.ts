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

export class ReadinessChecks {
  @ApiProperty({ type: DependencyCheck })
  postgres!: DependencyCheck;

  @ApiProperty({ type: DependencyCheck })
  redis!: DependencyCheck;

  @ApiProperty({ type: WorkerCheck })
  worker!: WorkerCheck;
}

export class ReadinessResponse {
  @ApiProperty({ enum: ['ok', 'error'], description: '"error" (with HTTP 503) when any check failed.' })
  status!: 'ok' | 'error';

  @ApiProperty({ type: ReadinessChecks })
  checks!: ReadinessChecks;
}
