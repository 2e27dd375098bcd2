import { Injectable } from '@nestjs/common';
import { AppConfig, DomainError, NotFoundError, ValidationError } from '@toolgate/config';
import {
  channelSecretsContext,
  type EnvironmentRecord,
  type NotificationChannelRecord,
  NotificationChannelRepository,
  type NotificationChannelWrite,
  type Page,
  type SecretsSealer,
} from '@toolgate/db';
import type { OutboundUrlPolicy } from '@toolgate/net';
import {
  type ChannelConfigIssue,
  type ChannelKind,
  channelDestinations,
  channelSettingsSchemas,
  checkChannelDestinations,
  notificationUrlPolicy,
  parseChannelConfig,
} from '@toolgate/notifications';
import { SecretBox, type Secrets } from '@toolgate/secrets';
import { assertCan } from '../auth/access-policy';
import { auditSource } from '../auth/audit-source';
import { EnvironmentsService } from '../environments/environments.service';
import type { PageQuery } from '../registry/page.request';
import type { RequestContext } from '../registry/request-context';
import type { CreateChannelRequest, UpdateChannelRequest } from './notification-channel.request';
import { type ChannelResponse, toChannelResponse } from './notification-channel.response';

/**
 * Notification channels of an environment (admin only). Settings and secrets are validated per kind by the
 * notifications lib; secrets are sealed with TOOLGATE_SECRETS_KEY bound to the channel id and never returned
 * (responses list which secret fields are set).
 */
@Injectable()
export class NotificationChannelsService {
  private readonly box: Secrets;
  /** Where channels may send (NOTIFY_URL_ALLOWLIST, NOTIFY_ALLOW_PRIVATE_NETWORKS); the worker checks again at every send. */
  private readonly urlPolicy: OutboundUrlPolicy;

  constructor(
    private readonly channels: NotificationChannelRepository,
    private readonly environments: EnvironmentsService,
    config: AppConfig,
  ) {
    this.box = SecretBox.fromConfig(config.values.TOOLGATE_SECRETS_KEY, config.values.TOOLGATE_SECRETS_PREVIOUS_KEYS);
    this.urlPolicy = notificationUrlPolicy(config.values.NOTIFY_URL_ALLOWLIST, config.values.NOTIFY_ALLOW_PRIVATE_NETWORKS);
  }

  async create(ctx: RequestContext, envRef: string, request: CreateChannelRequest): Promise<ChannelResponse> {
    assertCan(ctx.actor, 'notification-channel.manage');
    const env = await this.environments.resolve(ctx, envRef);
    const config = parseChannelConfig(request.kind, request.settings, request.secrets);
    if (!config.ok) throw invalid(config.issues);
    const write: NotificationChannelWrite = {
      name: request.name,
      kind: request.kind,
      minSeverity: request.minSeverity,
      events: request.events,
      digestMode: request.digestMode,
      digestIntervalSeconds: request.digestIntervalSeconds,
      settings: config.settings as Record<string, unknown>,
      enabled: request.enabled,
    };
    const seal = this.sealer(config.secrets);
    await this.assertDestinationsAllowed(request.kind, config.settings, config.secrets);
    const channel = await this.channels.create(ctx.organisationId, env.id, write, seal, auditSource(ctx));
    return toChannelResponse(channel);
  }

  async list(ctx: RequestContext, envRef: string, page: PageQuery): Promise<Page<ChannelResponse>> {
    assertCan(ctx.actor, 'notification-channel.manage');
    const env = await this.environments.resolve(ctx, envRef);
    const result = await this.channels.list(env.id, page);
    return { items: result.items.map(toChannelResponse), nextCursor: result.nextCursor };
  }

  async get(ctx: RequestContext, envRef: string, id: string): Promise<ChannelResponse> {
    assertCan(ctx.actor, 'notification-channel.manage');
    return toChannelResponse(await this.find(ctx, await this.environments.resolve(ctx, envRef), id));
  }

  /** Changes any subset; `secrets`, when given, replaces them all. A new `kind` needs new settings and secrets. */
  async update(ctx: RequestContext, envRef: string, id: string, change: UpdateChannelRequest): Promise<ChannelResponse> {
    assertCan(ctx.actor, 'notification-channel.manage');
    const current = await this.find(ctx, await this.environments.resolve(ctx, envRef), id);
    const kind: ChannelKind = change.kind ?? current.kind;
    if (kind !== current.kind && (change.settings === undefined || change.secrets === undefined)) {
      throw invalid([{ field: change.settings === undefined ? 'settings' : 'secrets', message: `changing kind to ${kind} needs the settings and secrets of a ${kind} channel` }]);
    }
    let settings: Record<string, unknown> | undefined;
    let seal: SecretsSealer | undefined;
    if (change.secrets !== undefined) {
      const config = parseChannelConfig(kind, change.settings ?? current.settings, change.secrets);
      if (!config.ok) throw invalid(config.issues);
      settings = config.settings as Record<string, unknown>;
      seal = this.sealer(config.secrets);
      await this.assertDestinationsAllowed(kind, settings, config.secrets);
    } else if (change.settings !== undefined) {
      const parsed = channelSettingsSchemas[kind].safeParse(change.settings);
      if (!parsed.success) throw invalid(parsed.error.issues.map((issue) => ({ field: ['settings', ...issue.path.map(String)].join('.'), message: issue.message })));
      settings = parsed.data as Record<string, unknown>;
      // The stored secrets are not opened: only the destinations in the new settings (eventsUrl, SMTP host) are checked.
      await this.assertDestinationsAllowed(kind, settings, undefined);
    }
    const { secrets: _secrets, settings: _settings, ...rest } = change;
    const updated = await this.channels.update(ctx.organisationId, id, { ...rest, ...(settings ? { settings } : {}) }, seal, auditSource(ctx));
    if (!updated) throw notFound(id);
    return toChannelResponse(updated);
  }

  async delete(ctx: RequestContext, envRef: string, id: string): Promise<void> {
    assertCan(ctx.actor, 'notification-channel.manage');
    await this.find(ctx, await this.environments.resolve(ctx, envRef), id);
    if (!(await this.channels.delete(ctx.organisationId, id, auditSource(ctx)))) throw notFound(id);
  }

  /** The channel `id` of `env`; `NOTIFICATION_CHANNEL.NOT_FOUND` otherwise (also another environment's). */
  async find(ctx: RequestContext, env: EnvironmentRecord, id: string): Promise<NotificationChannelRecord> {
    const channel = await this.channels.findById(ctx.organisationId, id);
    if (!channel || channel.environmentId !== env.id) throw notFound(id);
    return channel;
  }

  /**
   * 400 naming the field (`body.secrets.webhookUrl`, `body.settings.host`...) when a destination is outside the
   * outbound policy (`NOTIFICATION_CHANNEL.DESTINATION_NOT_ALLOWED`) or does not resolve
   * (`NOTIFICATION_CHANNEL.DESTINATION_UNRESOLVABLE`). Messages carry the host, address and range, never the URL.
   */
  private async assertDestinationsAllowed(kind: ChannelKind, settings: object, secrets: object | undefined): Promise<void> {
    const refusals = await checkChannelDestinations(channelDestinations(kind, settings, secrets), this.urlPolicy);
    if (refusals.length === 0) return;
    const issues = refusals.map((refusal) => ({ path: `body.${refusal.field}`, message: refusal.message }));
    const code = refusals.some((r) => r.code === 'URL_NOT_ALLOWED') ? 'NOTIFICATION_CHANNEL.DESTINATION_NOT_ALLOWED' : 'NOTIFICATION_CHANNEL.DESTINATION_UNRESOLVABLE';
    throw new ValidationError(issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), { field: refusals[0]!.field, issues }, code);
  }

  /** Seals the set secrets bound to the channel id; refuses with 503 when secrets are given but no key is configured. */
  private sealer(secrets: object): SecretsSealer {
    const fields = Object.entries(secrets)
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([key]) => key)
      .sort();
    if (fields.length > 0 && !this.box.available) {
      throw new DomainError(
        'unavailable',
        'SECRETS.KEY_MISSING',
        'TOOLGATE_SECRETS_KEY is not set, so channel secrets cannot be stored; set it (openssl rand -base64 32) and restart the API and worker',
        { fields },
      );
    }
    return (channelId) => ({ sealed: fields.length > 0 ? this.box.sealJson(secrets, channelSecretsContext(channelId)) : null, fields });
  }
}

function invalid(issues: readonly ChannelConfigIssue[]): ValidationError {
  const named = issues.map((issue) => ({ path: `body.${issue.field}`, message: issue.message }));
  return new ValidationError(named.map((issue) => `${issue.path}: ${issue.message}`).join('; '), { issues: named });
}

const notFound = (id: string) => new NotFoundError('NOTIFICATION_CHANNEL.NOT_FOUND', `Notification channel ${id} not found`, { channelId: id });
