import { z } from 'zod';

export const SEVERITY_VALUES = ['INFO', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export const STAGE_VALUES = ['lexical', 'schema', 'semantic', 'routing'] as const;

/** An environment's policy as the API speaks it (stage names as the pipeline and CLI spell them). */
export const PolicyRequestSchema = z.object({
  /** Conflicts at or above this severity block a tool. */
  blockingSeverity: z.enum(SEVERITY_VALUES).default('HIGH'),
  /** Stages run synchronously when a tool is registered. */
  stagesOnRegistration: z
    .array(z.enum(STAGE_VALUES))
    .min(1)
    .refine((stages) => new Set(stages).size === stages.length, 'must not repeat a stage')
    .default(['lexical', 'schema', 'semantic']),
  /** Approval requests expire after this many hours (1 hour to 90 days). */
  approvalTtlHours: z.number().int().min(1).max(2160).default(168),
});

export const CreateEnvironmentRequestSchema = z.object({
  /** Unique in the organisation; addresses the environment in URLs (`/v1/environments/production`). */
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit'),
  policy: PolicyRequestSchema.default({ blockingSeverity: 'HIGH', stagesOnRegistration: ['lexical', 'schema', 'semantic'], approvalTtlHours: 168 }),
});
export type CreateEnvironmentRequest = z.infer<typeof CreateEnvironmentRequestSchema>;

/**
 * `PATCH /v1/environments/:env`: any subset of the policy's fields, at least one. Unknown fields are
 * refused (strict) so a typo such as `blockingSeverty` is a 400 naming it, not a silent no-op.
 */
export const UpdatePolicyRequestSchema = z
  .strictObject({
    blockingSeverity: PolicyRequestSchema.shape.blockingSeverity.unwrap().optional(),
    stagesOnRegistration: PolicyRequestSchema.shape.stagesOnRegistration.unwrap().optional(),
    approvalTtlHours: PolicyRequestSchema.shape.approvalTtlHours.unwrap().optional(),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), 'give at least one of blockingSeverity, stagesOnRegistration, approvalTtlHours');
export type UpdatePolicyRequest = z.infer<typeof UpdatePolicyRequestSchema>;
