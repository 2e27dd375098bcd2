import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Page } from '@toolgate/db';
import { MinRole } from '../auth/roles.decorator';
import { ZodValidationPipe } from '../http/zod-validation.pipe';
import { type PageQuery, PageQuerySchema } from '../registry/page.request';
import { Ctx, type RequestContext } from '../registry/request-context';
import { ApiZodBody, ApiZodQuery, ApiZodResponse, pageSchema } from '../registry/zod-openapi';
import {
  type CreateChannelRequest,
  CreateChannelRequestSchema,
  type DeliveryListQuery,
  DeliveryListQuerySchema,
  type UpdateChannelRequest,
  UpdateChannelRequestSchema,
} from './notification-channel.request';
import { type ChannelResponse, ChannelResponseSchema, type DeliveryResponse, DeliveryResponseSchema, type TestResultResponse, TestResultResponseSchema } from './notification-channel.response';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationDeliveriesService } from './notification-deliveries.service';

const DESTINATION_ERRORS =
  '`VALIDATION.FAILED` naming the field (e.g. `body.secrets.webhookUrl`); `NOTIFICATION_CHANNEL.DESTINATION_NOT_ALLOWED` (a URL or SMTP host outside ' +
  'NOTIFY_URL_ALLOWLIST or resolving to a private, loopback or metadata address) and `NOTIFICATION_CHANNEL.DESTINATION_UNRESOLVABLE`, naming the field';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1')
export class NotificationsController {
  constructor(
    private readonly channels: NotificationChannelsService,
    private readonly deliveries: NotificationDeliveriesService,
  ) {}

  @Post('environments/:env/notification-channels')
  @MinRole('admin')
  @ApiOperation({ summary: 'Create a notification channel (Slack, email, PagerDuty, webhook). Secrets are write-only.' })
  @ApiZodBody(CreateChannelRequestSchema)
  @ApiZodResponse(ChannelResponseSchema, 'The channel; `secretFields` names the secrets that are set.', 201)
  @ApiBadRequestResponse({ description: DESTINATION_ERRORS })
  @ApiConflictResponse({ description: '`NOTIFICATION_CHANNEL.ALREADY_EXISTS`' })
  @ApiServiceUnavailableResponse({ description: '`SECRETS.KEY_MISSING`: TOOLGATE_SECRETS_KEY is not set' })
  create(@Ctx() ctx: RequestContext, @Param('env') env: string, @Body(new ZodValidationPipe(CreateChannelRequestSchema)) body: CreateChannelRequest): Promise<ChannelResponse> {
    return this.channels.create(ctx, env, body);
  }

  @Get('environments/:env/notification-channels')
  @MinRole('admin')
  @ApiOperation({ summary: "List an environment's notification channels (cursor pagination)." })
  @ApiZodQuery(PageQuerySchema)
  @ApiZodResponse(pageSchema(ChannelResponseSchema), 'A page of channels, oldest first.')
  list(@Ctx() ctx: RequestContext, @Param('env') env: string, @Query(new ZodValidationPipe(PageQuerySchema)) page: PageQuery): Promise<Page<ChannelResponse>> {
    return this.channels.list(ctx, env, page);
  }

  @Get('environments/:env/notification-channels/:id')
  @MinRole('admin')
  @ApiOperation({ summary: 'A notification channel (without its secrets).' })
  @ApiZodResponse(ChannelResponseSchema, 'The channel.')
  @ApiNotFoundResponse({ description: '`NOTIFICATION_CHANNEL.NOT_FOUND`, `ENVIRONMENT.NOT_FOUND`' })
  get(@Ctx() ctx: RequestContext, @Param('env') env: string, @Param('id', ParseUUIDPipe) id: string): Promise<ChannelResponse> {
    return this.channels.get(ctx, env, id);
  }

  @Patch('environments/:env/notification-channels/:id')
  @MinRole('admin')
  @ApiOperation({ summary: 'Change a channel (any subset); `secrets`, when given, replaces them all. Audited with before/after (no secret values).' })
  @ApiZodBody(UpdateChannelRequestSchema)
  @ApiZodResponse(ChannelResponseSchema, 'The changed channel.')
  @ApiBadRequestResponse({ description: DESTINATION_ERRORS })
  @ApiNotFoundResponse({ description: '`NOTIFICATION_CHANNEL.NOT_FOUND`' })
  update(@Ctx() ctx: RequestContext, @Param('env') env: string, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodValidationPipe(UpdateChannelRequestSchema)) body: UpdateChannelRequest): Promise<ChannelResponse> {
    return this.channels.update(ctx, env, id, body);
  }

  @Delete('environments/:env/notification-channels/:id')
  @HttpCode(204)
  @MinRole('admin')
  @ApiOperation({ summary: 'Delete a channel and its delivery history (audited).' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: '`NOTIFICATION_CHANNEL.NOT_FOUND`' })
  delete(@Ctx() ctx: RequestContext, @Param('env') env: string, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.channels.delete(ctx, env, id);
  }

  @Post('environments/:env/notification-channels/:id/test')
  @HttpCode(200)
  @MinRole('admin')
  @ApiOperation({ summary: "Send a test message through the queue and report the worker's first attempt (waits at most 5 s; QUEUED if still pending)." })
  @ApiZodResponse(TestResultResponseSchema, 'The attempt: ok, status, httpStatus, error (redacted).')
  @ApiNotFoundResponse({ description: '`NOTIFICATION_CHANNEL.NOT_FOUND`' })
  @ApiServiceUnavailableResponse({ description: '`QUEUE.UNAVAILABLE`' })
  test(@Ctx() ctx: RequestContext, @Param('env') env: string, @Param('id', ParseUUIDPipe) id: string): Promise<TestResultResponse> {
    return this.deliveries.test(ctx, env, id);
  }

  @Get('notifications')
  @MinRole('reviewer')
  @ApiOperation({ summary: 'Notification deliveries, newest first (filters: environment, channel, status, event); cursor pagination.' })
  @ApiZodQuery(DeliveryListQuerySchema)
  @ApiZodResponse(pageSchema(DeliveryResponseSchema), 'A page of deliveries with status, attempts and the last error.')
  deliveriesList(@Ctx() ctx: RequestContext, @Query(new ZodValidationPipe(DeliveryListQuerySchema)) query: DeliveryListQuery): Promise<Page<DeliveryResponse>> {
    return this.deliveries.list(ctx, query);
  }
}
