import { z } from 'zod';
import { issuesText, startHttpPeer, type HttpPeer, type PeerRequest } from './http-peer';

// Block Kit, the subset a notification uses, with Slack's documented limits
// (https://api.slack.com/reference/block-kit/blocks). Strict: a misspelt field fails like Slack's invalid_blocks.
const PlainText = z.strictObject({ type: z.literal('plain_text'), text: z.string().min(1), emoji: z.boolean().optional() });
const Mrkdwn = z.strictObject({ type: z.literal('mrkdwn'), text: z.string().min(1), verbatim: z.boolean().optional() });
const TextObject = z.union([PlainText, Mrkdwn]);
const withMax = <T extends z.ZodType<{ text: string }>>(schema: T, max: number) => schema.refine((t) => t.text.length <= max, { message: `text longer than ${max}` });

const Button = z.strictObject({
  type: z.literal('button'),
  text: withMax(PlainText, 75),
  action_id: z.string().min(1).max(255),
  url: z.string().url().max(3000).optional(),
  value: z.string().max(2000).optional(),
  style: z.enum(['primary', 'danger']).optional(),
});

const Block = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('header'), text: withMax(PlainText, 150), block_id: z.string().optional() }),
  z
    .strictObject({
      type: z.literal('section'),
      text: withMax(TextObject, 3000).optional(),
      fields: z.array(withMax(TextObject, 2000)).min(1).max(10).optional(),
      block_id: z.string().optional(),
    })
    .refine((s) => s.text !== undefined || s.fields !== undefined, { message: 'a section needs text or fields' }),
  z.strictObject({ type: z.literal('divider'), block_id: z.string().optional() }),
  z.strictObject({ type: z.literal('context'), elements: z.array(TextObject).min(1).max(10), block_id: z.string().optional() }),
  z.strictObject({ type: z.literal('actions'), elements: z.array(Button).min(1).max(25), block_id: z.string().optional() }),
]);

/** An incoming-webhook body: Block Kit blocks plus the `text` fallback (required here: Slack warns without it). */
export const SlackWebhookPayload = z.strictObject({
  text: z.string().min(1),
  blocks: z.array(Block).min(1).max(50),
  unfurl_links: z.boolean().optional(),
  unfurl_media: z.boolean().optional(),
});
export type SlackWebhookPayload = z.infer<typeof SlackWebhookPayload>;

export interface SlackPeer extends HttpPeer {
  /** Bodies accepted (200 "ok"), in order. */
  messages: SlackWebhookPayload[];
}

/**
 * Fake Slack incoming webhook at `/services/T000/B000/<token>`: 200 "ok" for a valid Block Kit body,
 * 400 "invalid_blocks" (with the reason recorded in `violations`) otherwise, like Slack.
 */
export async function startSlackPeer(options: { token?: string } = {}): Promise<SlackPeer> {
  const messages: SlackWebhookPayload[] = [];
  const token = options.token ?? 'xoxfakeSlackWebhookToken0123456789';
  const peer = await startHttpPeer(`/services/T0000FAKE/B0000FAKE/${token}`, (request: Omit<PeerRequest, 'status'>) => {
    if (!String(request.headers['content-type'] ?? '').includes('application/json')) return { status: 400, body: 'invalid_payload', violation: 'content-type is not application/json' };
    const parsed = SlackWebhookPayload.safeParse(request.body);
    if (!parsed.success) return { status: 400, body: 'invalid_blocks', violation: `slack: ${issuesText(parsed.error.issues)}` };
    messages.push(parsed.data);
    return { status: 200, body: 'ok' };
  });
  return Object.assign(peer, { messages });
}
