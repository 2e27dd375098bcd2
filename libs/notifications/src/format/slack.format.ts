import { isDigest, type NotificationDigest, type NotificationEvent, type NotificationMessage } from '../model';
import { describeEvent, digestHeadline, headlineOf, truncate, type DescribedEvent } from './describe-event';

// Block Kit limits (https://api.slack.com/reference/block-kit/blocks): 50 blocks per message, header
// text 150 chars, section text 3000, 10 fields of 2000, button text 75, button url 3000.
const MAX_BLOCKS = 50;

type TextObject = { type: 'plain_text'; text: string; emoji?: boolean } | { type: 'mrkdwn'; text: string };

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji?: boolean } }
  | { type: 'section'; text?: TextObject; fields?: TextObject[] }
  | { type: 'divider' }
  | { type: 'context'; elements: TextObject[] }
  | {
      type: 'actions';
      elements: Array<{ type: 'button'; text: { type: 'plain_text'; text: string }; url: string; action_id: string; style?: 'primary' | 'danger' }>;
    };

/** The JSON body posted to a Slack incoming webhook. */
export interface SlackMessage {
  /** Fallback for notifications and clients without Block Kit. */
  text: string;
  blocks: SlackBlock[];
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const mrkdwn = (text: string): TextObject => ({ type: 'mrkdwn', text });

export function formatSlack(message: NotificationMessage): SlackMessage {
  return isDigest(message) ? formatSlackDigest(message) : formatSlackEvent(message);
}

function fieldText(field: DescribedEvent['fields'][number]): string {
  const value = escapeMrkdwn(field.value);
  return truncate(`*${escapeMrkdwn(field.label)}*\n${field.code ? `\`${value}\`` : value}`, 2000);
}

function formatSlackEvent(event: NotificationEvent): SlackMessage {
  const described = describeEvent(event);
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: truncate(described.headline, 150), emoji: false } }];
  blocks.push({ type: 'section', fields: described.fields.slice(0, 10).map((f) => mrkdwn(fieldText(f))) });
  for (const section of described.sections) {
    blocks.push({ type: 'section', text: mrkdwn(truncate(`*${escapeMrkdwn(section.label)}*\n${escapeMrkdwn(section.text)}`, 3000)) });
  }
  const buttons = linkButtons(described);
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  blocks.push({ type: 'context', elements: [mrkdwn(escapeMrkdwn(`Toolgate · ${event.type} · ${event.occurredAt}`))] });
  return { text: fallbackText(described), blocks };
}

function linkButtons(described: DescribedEvent): Extract<SlackBlock, { type: 'actions' }>['elements'] {
  const { approve, reject, details } = described.links;
  const buttons: Extract<SlackBlock, { type: 'actions' }>['elements'] = [];
  if (approve) buttons.push({ type: 'button', text: { type: 'plain_text', text: 'Approve' }, url: approve, action_id: 'toolgate_approve', style: 'primary' });
  if (reject) buttons.push({ type: 'button', text: { type: 'plain_text', text: 'Reject' }, url: reject, action_id: 'toolgate_reject', style: 'danger' });
  if (details) buttons.push({ type: 'button', text: { type: 'plain_text', text: 'Details' }, url: details, action_id: 'toolgate_details' });
  return buttons.filter((b) => b.url.length <= 3000);
}

/** Plain text of the notification preview: headline, tools and the top recommendation. */
function fallbackText(described: DescribedEvent): string {
  const lines = [described.headline];
  const recommendation = described.sections.find((s) => s.label === 'Top recommendation');
  if (recommendation) lines.push(`Top recommendation: ${recommendation.text.split('\n')[0]}`);
  return truncate(escapeMrkdwn(lines.join('\n')), 3000);
}

function formatSlackDigest(digest: NotificationDigest): SlackMessage {
  const headline = digestHeadline(digest);
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(headline, 150), emoji: false } },
    { type: 'context', elements: [mrkdwn(escapeMrkdwn(`${digest.periodStart} – ${digest.periodEnd}`))] },
  ];
  // Header + context + one section per event + an overflow line + the details button must fit in 50 blocks.
  const room = MAX_BLOCKS - 4;
  for (const event of digest.events.slice(0, room)) {
    const recommendation = event.recommendation ? `\n_${escapeMrkdwn(event.recommendation.title)}_` : '';
    const link = event.links?.details ? ` <${event.links.details}|details>` : '';
    blocks.push({ type: 'section', text: mrkdwn(truncate(`• ${escapeMrkdwn(headlineOf(event))}${link}${recommendation}`, 3000)) });
  }
  if (digest.events.length > room) blocks.push({ type: 'section', text: mrkdwn(`…and ${digest.events.length - room} more`) });
  if (digest.detailsUrl) {
    blocks.push({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open in Toolgate' }, url: digest.detailsUrl, action_id: 'toolgate_details' }] });
  }
  return { text: escapeMrkdwn(headline), blocks };
}
