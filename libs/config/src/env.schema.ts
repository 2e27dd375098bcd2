import { z } from 'zod';
import { base64Key32, duration, hostAllowlist, httpUrl, integer, oneOf, urlWithScheme } from './env.fields';
import { DEFAULT_ROUTER_MODEL, providerFields } from './env.providers';
import { crossFieldIssues } from './env.rules';

/**
 * Every environment variable Toolgate reads, in one place (docs/configuration.md lists them).
 * Empty values count as unset, so `FOO=` in a compose file falls back to the default.
 */
export const EnvSchema = z
  .object({
    NODE_ENV: oneOf(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    DATABASE_URL: urlWithScheme(['postgres:', 'postgresql:'], 'postgres://'),
    REDIS_URL: urlWithScheme(['redis:', 'rediss:'], 'redis://'),
    // Namespaces every Redis key Toolgate writes (queues and worker heartbeats), so two
    // deployments or test runs can share one Redis.
    REDIS_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, 'must contain only letters, digits, "_" and "-"')
      .default('toolgate'),

    HOST: z.string().default('0.0.0.0'),
    PORT: integer(1, 65535).default(3000),
    // API processes sharing the port (node:cluster). The CI gate is CPU-bound: one process per core.
    API_PROCESSES: integer(1, 64).default(1),
    // Largest JSON request body. A real server's bulk tools/list (github-mcp-server: 117 tools)
    // is ~170 kB, far over Express's 100 kB default.
    HTTP_BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i, 'must be a size such as 512kb or 10mb')
      .default('10mb'),

    // Tokens are verified with JWT_SECRET (HS256) or a public key (JWT_PUBLIC_KEY / JWKS_URL).
    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_PUBLIC_KEY: z.string().includes('-----BEGIN', { error: 'must be a PEM-encoded public key' }).optional(),
    JWKS_URL: httpUrl().optional(),
    JWT_ISSUER: z.string().default('toolgate'),
    JWT_AUDIENCE: z.string().default('toolgate-api'),
    JWT_EXPIRES_IN: duration().default('1h'),
    JWT_ROLE_CLAIM: z.string().default('roles'),

    // GET /metrics (Prometheus, docs/observability.md). When METRICS_TOKEN is set a scrape must send
    // `Authorization: Bearer <token>`; unset, the endpoint is open (expose it on an internal network only).
    METRICS_ENABLED: oneOf(['true', 'false']).default('true').transform((v) => v === 'true'),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),

    TOOLGATE_BOOTSTRAP_ADMIN_EMAIL: z.email({ error: 'must be an email address' }).optional(),
    TOOLGATE_BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
    TOOLGATE_SECRETS_KEY: base64Key32().optional(),
    // Keys that sealed secrets before a rotation (comma-separated, base64): still opened, never used to seal.
    TOOLGATE_SECRETS_PREVIOUS_KEYS: z
      .string()
      .refine(
        (value) => value.split(',').every((part) => base64Key32().safeParse(part.trim()).success),
        'must be a comma-separated list of 32-byte base64 keys',
      )
      .transform((value) => value.split(',').map((part) => part.trim()))
      .optional(),

    ...providerFields,

    WORKER_CONCURRENCY: integer(1, 256).default(4),
    WORKER_HEARTBEAT_INTERVAL_MS: integer(100, 600_000).default(5000),
    // How long a worker holds a job's lock between renewals (BullMQ lockDuration; the stalled-job check
    // runs at the same interval). A worker killed mid-job loses its job to another worker after this long.
    WORKER_LOCK_DURATION_MS: integer(1000, 600_000).default(30_000),
    // The worker's own GET /metrics (its provider breakers and process metrics; docs/observability.md) on this
    // port; unset: no listener. METRICS_TOKEN, when set, guards it as it guards the API's.
    WORKER_METRICS_PORT: integer(1, 65_535).optional(),
    // Time budget of the CI gate's routing stage: a simulation estimated to take longer is queued on the
    // `simulation` queue instead of holding the CI request open.
    CI_ROUTING_BUDGET_MS: integer(0, 60_000).default(2000),
    // How often the worker's job scheduler expires PENDING approval requests past their expiry. One
    // scheduled job per interval however many workers run (BullMQ job scheduler); each request expires once.
    APPROVAL_EXPIRY_INTERVAL_MS: integer(1000, 3_600_000).default(60_000),
    // Model answers cached in Postgres (embeddings, router decisions, LLM probes, recommendation drafts) not used
    // for this many days are deleted by a maintenance job every PROVIDER_CACHE_EVICTION_INTERVAL_MS. 0 keeps them.
    PROVIDER_CACHE_RETENTION_DAYS: integer(0, 3650).default(90),
    PROVIDER_CACHE_EVICTION_INTERVAL_MS: integer(1000, 7 * 86_400_000).default(6 * 3_600_000),
    // A full re-scan of an environment with more tools than this is split into shards of about this many
    // tools (a BullMQ flow: one job per shard, a parent that merges), so several workers share it.
    ANALYSIS_SHARD_SIZE: integer(1, 1_000_000).default(2000),
    // Shard jobs of a sharded re-scan one worker process runs at once (their own `analysis-shards` queue). 1 by
    // default: a shard is CPU-bound, so a second one in the same process only steals it from an idle worker.
    WORKER_SHARD_CONCURRENCY: integer(1, 64).default(1),
    // Notifications (docs/notifications.md): the same event for the same subject reaches a channel at most
    // once per NOTIFY_DEDUP_WINDOW_MS; approvals are announced NOTIFY_APPROVAL_EXPIRING_LEAD_MS before expiry;
    // a send is tried NOTIFY_MAX_ATTEMPTS times, backing off exponentially from NOTIFY_BACKOFF_MS.
    NOTIFY_DEDUP_WINDOW_MS: integer(0, 30 * 86_400_000).default(3_600_000),
    NOTIFY_APPROVAL_EXPIRING_LEAD_MS: integer(0, 30 * 86_400_000).default(86_400_000),
    NOTIFY_MAX_ATTEMPTS: integer(1, 20).default(5),
    NOTIFY_BACKOFF_MS: integer(1, 3_600_000).default(2000),
    // Per-channel circuit breaker: opens after NOTIFY_BREAKER_FAILURES consecutive failed sends, lets one trial
    // through after NOTIFY_BREAKER_RESET_MS; each send attempt gives up after NOTIFY_SEND_TIMEOUT_MS.
    NOTIFY_BREAKER_FAILURES: integer(1, 1000).default(5),
    NOTIFY_BREAKER_RESET_MS: integer(100, 3_600_000).default(60_000),
    NOTIFY_SEND_TIMEOUT_MS: integer(100, 120_000).default(10_000),
    // Where notification channels may send (Slack/webhook URLs, PagerDuty eventsUrl, SMTP host; docs/notifications.md):
    // same patterns and private-range rule as SYNC_URL_ALLOWLIST / SYNC_ALLOW_PRIVATE_NETWORKS, checked by the API
    // when a channel is saved and by the worker before every send.
    NOTIFY_URL_ALLOWLIST: hostAllowlist(),
    NOTIFY_ALLOW_PRIVATE_NETWORKS: oneOf(['true', 'false']).default('false').transform((v) => v === 'true'),
    // Base URL of the API that notification messages link to (approve/reject links); unset: links are paths.
    TOOLGATE_PUBLIC_URL: httpUrl().optional(),
    // Sync against live MCP servers (docs/sync.md). Outbound URLs must match SYNC_URL_ALLOWLIST when it is set
    // (comma-separated host patterns `mcp.example.com`, `*.example.com`, `localhost:3001`, `[::1]:8080` or CIDRs);
    // private, loopback, link-local, CGNAT and metadata addresses are refused unless SYNC_ALLOW_PRIVATE_NETWORKS
    // or an exact allowlist entry names the host. A listing over SYNC_TIMEOUT_MS, SYNC_MAX_TOOLS tools or
    // SYNC_MAX_PAGES pages fails; SYNC_BREAKER_FAILURES consecutive failures open a server's circuit for SYNC_BREAKER_RESET_MS.
    SYNC_URL_ALLOWLIST: hostAllowlist(),
    SYNC_ALLOW_PRIVATE_NETWORKS: oneOf(['true', 'false']).default('false').transform((v) => v === 'true'),
    SYNC_TIMEOUT_MS: integer(1000, 600_000).default(30_000),
    SYNC_MAX_TOOLS: integer(1, 100_000).default(1000),
    SYNC_MAX_PAGES: integer(1, 10_000).default(100),
    SYNC_BREAKER_FAILURES: integer(1, 100).default(3),
    SYNC_BREAKER_RESET_MS: integer(1000, 86_400_000).default(300_000),
    // TEST ONLY: the analysis worker waits this long inside every job, so e2e tests can kill a worker mid-job.
    TEST_ONLY_ANALYSIS_DELAY_MS: integer(0, 600_000).default(0),
  })
  .superRefine((env, ctx) => {
    for (const issue of crossFieldIssues(env)) {
      ctx.addIssue({ code: 'custom', path: [issue.variable], message: issue.message });
    }
  })
  .transform((env) => ({ ...env, ROUTER_MODEL: env.ROUTER_MODEL ?? DEFAULT_ROUTER_MODEL[env.ROUTER] }));

/** The validated configuration: what `loadConfig` returns. */
export type Config = z.output<typeof EnvSchema>;

/** The variables the schema knows, as written in the environment (for docs and checks). */
export type EnvInput = z.input<typeof EnvSchema>;
