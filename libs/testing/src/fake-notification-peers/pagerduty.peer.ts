import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { issuesText, startHttpPeer, type HttpPeer, type PeerRequest } from './http-peer';

// Events API v2 (https://developer.pagerduty.com/docs/events-api-v2/overview/).
const Link = z.strictObject({ href: z.string().url(), text: z.string().optional() });
const Image = z.strictObject({ src: z.string().url(), href: z.string().url().optional(), alt: z.string().optional() });
const TriggerPayload = z.strictObject({
  summary: z.string().min(1).max(1024),
  source: z.string().min(1),
  severity: z.enum(['critical', 'error', 'warning', 'info']),
  timestamp: z.string().datetime({ offset: true }).optional(),
  component: z.string().optional(),
  group: z.string().optional(),
  class: z.string().optional(),
  custom_details: z.record(z.string(), z.unknown()).optional(),
});

export const PagerDutyEventSchema = z.discriminatedUnion('event_action', [
  z.strictObject({
    routing_key: z.string().min(1),
    event_action: z.literal('trigger'),
    dedup_key: z.string().min(1).max(255).optional(),
    payload: TriggerPayload,
    client: z.string().optional(),
    client_url: z.string().url().optional(),
    links: z.array(Link).optional(),
    images: z.array(Image).optional(),
  }),
  z.strictObject({ routing_key: z.string().min(1), event_action: z.enum(['acknowledge', 'resolve']), dedup_key: z.string().min(1).max(255) }),
]);
export type PagerDutyEventBody = z.infer<typeof PagerDutyEventSchema>;

export interface PagerDutyIncident {
  dedupKey: string;
  status: 'triggered' | 'acknowledged' | 'resolved';
  /** Trigger events received for this key (a repeat updates the incident instead of opening another). */
  triggers: number;
  summary: string;
  severity: string;
}

export interface PagerDutyPeer extends HttpPeer {
  /** Valid events accepted (202), in order. */
  events: PagerDutyEventBody[];
  /** Incidents by dedup_key, as PagerDuty would keep them. */
  incidents: Map<string, PagerDutyIncident>;
  /** The only routing key accepted. */
  routingKey: string;
}

/**
 * Fake PagerDuty Events API v2 at `/v2/enqueue`: validates the event, checks the routing key, answers
 * 202 `{status:"success",dedup_key}` and tracks incidents by dedup_key (trigger / acknowledge / resolve).
 * 400 `{status:"invalid event",errors}` for a malformed event or an unknown routing key.
 */
export async function startPagerDutyPeer(options: { routingKey?: string } = {}): Promise<PagerDutyPeer> {
  const routingKey = options.routingKey ?? 'R0UT1NGKEYFAKE0123456789ABCDEF01';
  const events: PagerDutyEventBody[] = [];
  const incidents = new Map<string, PagerDutyIncident>();
  const invalid = (errors: string[]) => ({ status: 400, body: JSON.stringify({ status: 'invalid event', message: 'Event object is invalid', errors }), headers: { 'content-type': 'application/json' } });
  const peer = await startHttpPeer('/v2/enqueue', (request: Omit<PeerRequest, 'status'>) => {
    const parsed = PagerDutyEventSchema.safeParse(request.body);
    if (!parsed.success) return { ...invalid([issuesText(parsed.error.issues)]), violation: `pagerduty: ${issuesText(parsed.error.issues)}` };
    const event = parsed.data;
    if (event.routing_key !== routingKey) return { ...invalid(['Invalid routing key']), violation: 'pagerduty: unknown routing_key' };
    events.push(event);
    const dedupKey = event.dedup_key ?? randomUUID().replace(/-/g, '');
    const existing = incidents.get(dedupKey);
    if (event.event_action === 'trigger') {
      // A trigger on a resolved key opens a new incident; on an open one it only counts as an update.
      const open = existing && existing.status !== 'resolved';
      incidents.set(dedupKey, { dedupKey, status: open ? existing.status : 'triggered', triggers: (open ? existing.triggers : 0) + 1, summary: event.payload.summary, severity: event.payload.severity });
    } else if (existing && existing.status !== 'resolved') {
      existing.status = event.event_action === 'resolve' ? 'resolved' : 'acknowledged';
    }
    return { status: 202, body: JSON.stringify({ status: 'success', message: 'Event processed', dedup_key: dedupKey }), headers: { 'content-type': 'application/json' } };
  });
  return Object.assign(peer, { events, incidents, routingKey });
}
