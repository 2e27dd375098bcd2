import { ProviderOverridesSchema, secretLikeFields } from '@toolgate/config';
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

/**
 * Per-environment provider settings over the deployment's (docs/providers.md): kind, model, base URL,
 * dimensions, temperature, and the NAME of a TOOLGATE_PROVIDER_KEY_* variable holding a key. A field that
 * looks like a secret (apiKey, token, password...) is refused with a message saying where keys go.
 */
export const ProviderOverridesRequestSchema = z
  .unknown()
  .superRefine((value, ctx) => {
    for (const path of secretLikeFields(value)) {
      ctx.addIssue({ code: 'custom', path: path.split('.'), message: 'keys are never stored: put the key in an environment variable TOOLGATE_PROVIDER_KEY_<NAME> of the API and worker, and give its name as apiKeyEnv' });
    }
  })
  .pipe(ProviderOverridesSchema);

export const CreateEnvironmentRequestSchema = z.object({
  /** Unique in the organisation; addresses the environment in URLs (`/v1/environments/production`). */
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'must be 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit'),
  policy: PolicyRequestSchema.default({ blockingSeverity: 'HIGH', stagesOnRegistration: ['lexical', 'schema', 'semantic'], approvalTtlHours: 168 }),
  /** Provider overrides for this environment; default: the deployment's providers. */
  providerOverrides: ProviderOverridesRequestSchema.optional(),
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
    /** Replaces the environment's provider overrides (`{}` returns it to the deployment's providers). */
    providerOverrides: ProviderOverridesRequestSchema.optional(),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), 'give at least one of blockingSeverity, stagesOnRegistration, approvalTtlHours, providerOverrides');
export type UpdatePolicyRequest = z.infer<typeof UpdatePolicyRequestSchema>;
