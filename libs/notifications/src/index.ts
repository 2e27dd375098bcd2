// Notification channels (Slack, email, PagerDuty, signed webhooks) and their delivery (issue 7).
export {
  CHANNEL_KINDS,
  NOTIFICATION_EVENT_TYPES,
  RESOLVING_EVENT_TYPES,
  channelSecretValues,
  channelSecretsSchemas,
  channelSettingsSchemas,
  dedupKeyFor,
  emailSecretsSchema,
  emailSettingsSchema,
  isDigest,
  pagerDutySecretsSchema,
  pagerDutySettingsSchema,
  parseChannelConfig,
  slackSecretsSchema,
  slackSettingsSchema,
  webhookSecretsSchema,
  webhookSettingsSchema,
  type ChannelConfigIssue,
  type ChannelConfigResult,
  type ChannelKind,
  type DeliverOptions,
  type DeliveryErrorCode,
  type DeliveryResult,
  type DeliveryStatus,
  type EmailSecrets,
  type EmailSettings,
  type NotificationApproval,
  type NotificationChannel,
  type NotificationConflict,
  type NotificationDigest,
  type NotificationEvent,
  type NotificationEventType,
  type NotificationLinks,
  type NotificationMessage,
  type NotificationRecommendation,
  type NotificationRunFailure,
  type NotificationSyncChange,
  type NotificationToolRef,
  type PagerDutySecrets,
  type PagerDutySettings,
  type SlackSecrets,
  type SlackSettings,
  type WebhookSecrets,
  type WebhookSettings,
} from './model';
export { ChannelBreakers, type ChannelBreakerSnapshot, type ChannelBreakerState, type ChannelBreakersOptions } from './channel-breakers';
export { deliver } from './deliver';
export { channelDestinations, checkChannelDestinations, notificationUrlPolicy, type ChannelDestination, type DestinationRefusal } from './channel-destinations';
export { formatSlack, escapeMrkdwn, type SlackBlock, type SlackMessage } from './format/slack.format';
export { formatEmail, escapeHtml, type EmailMessage } from './format/email.format';
export { formatPagerDuty, pagerDutySeverity, PAGERDUTY_EVENTS_URL, type PagerDutyEvent, type PagerDutySeverity } from './format/pagerduty.format';
export {
  computeWebhookSignature,
  formatWebhook,
  verifyWebhookSignature,
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_EVENT_HEADER,
  WEBHOOK_EVENT_ID_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  type SignedWebhookRequest,
  type VerifyWebhookOptions,
  type WebhookBody,
  type WebhookVerification,
} from './format/webhook.format';
export { headlineOf, digestHeadline } from './format/describe-event';
export { parseRetryAfter } from './delivery/http.sender';
export { channelTestEvent } from './test-event';
