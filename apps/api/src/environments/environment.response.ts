import type { EnvironmentRecord, StageLevel } from '@toolgate/db';
import type { StageName } from '@toolgate/pipeline';

export interface EnvironmentResponse {
  id: string;
  name: string;
  policy: { blockingSeverity: string; stagesOnRegistration: StageName[]; approvalTtlHours: number };
  createdAt: string;
  updatedAt: string;
}

export function toStageName(stage: StageLevel): StageName {
  return stage.toLowerCase() as StageName;
}

export function toStageLevel(stage: StageName): StageLevel {
  return stage.toUpperCase() as StageLevel;
}

export function toEnvironmentResponse(env: EnvironmentRecord): EnvironmentResponse {
  return {
    id: env.id,
    name: env.name,
    policy: {
      blockingSeverity: env.policy.blockingSeverity,
      stagesOnRegistration: env.policy.stagesOnRegistration.map(toStageName),
      approvalTtlHours: env.policy.approvalTtlSeconds / 3600,
    },
    createdAt: env.createdAt.toISOString(),
    updatedAt: env.updatedAt.toISOString(),
  };
}
