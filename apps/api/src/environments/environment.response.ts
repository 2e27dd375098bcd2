import type { EnvironmentRecord, StageLevel } from '@toolgate/db';
import type { StageName } from '@toolgate/pipeline';
import { z } from 'zod';
import { SEVERITY_VALUES, STAGE_VALUES } from './environment.request';

export const EnvironmentResponseSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  policy: z.object({
    blockingSeverity: z.enum(SEVERITY_VALUES),
    stagesOnRegistration: z.array(z.enum(STAGE_VALUES)),
    approvalTtlHours: z.number(),
  }),
  /** Provider overrides (non-secret: settings and key variable NAMES); `{}` = the deployment's providers. */
  providerOverrides: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type EnvironmentResponse = z.infer<typeof EnvironmentResponseSchema>;

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
    providerOverrides: env.providerOverrides,
    createdAt: env.createdAt.toISOString(),
    updatedAt: env.updatedAt.toISOString(),
  };
}
