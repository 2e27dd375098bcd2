import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatEmail } from './format/email.format';
import { formatPagerDuty } from './format/pagerduty.format';
import { formatSlack } from './format/slack.format';
import { formatWebhook, verifyWebhookSignature } from './format/webhook.format';
import { conflictDetected, conflictResolved } from './spec-fixtures';

// docs/notifications.md promises "real output of the formatters": keep it true.
const doc = readFileSync(join(__dirname, '../../../docs/notifications.md'), 'utf8');

function example(name: string): string {
  const match = new RegExp(`<!-- example:${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  if (!match?.[1]) throw new Error(`docs/notifications.md has no example:${name} block`);
  return match[1];
}

const json = (value: unknown) => JSON.stringify(value, null, 2);
const ROUTING_KEY = 'R0123456789ABCDEF0123456789ABCDEF';

describe('docs/notifications.md examples', () => {
  it('Slack', () => expect(example('slack')).toBe(json(formatSlack(conflictDetected()))));

  it('email text and HTML parts', () => {
    const email = formatEmail(conflictDetected());
    expect(example('email-text')).toBe(`Subject: ${email.subject}\n\n${email.text.trimEnd()}`);
    expect(example('email-html')).toBe(email.html.trimEnd());
  });

  it('PagerDuty trigger and resolve', () => {
    expect(example('pagerduty')).toBe(json(formatPagerDuty(conflictDetected(), ROUTING_KEY)));
    expect(example('pagerduty-resolve')).toBe(json(formatPagerDuty(conflictResolved(), ROUTING_KEY)));
  });

  it('webhook headers and body, and the documented signature verifies', () => {
    const now = new Date('2026-11-21T10:15:02.000Z');
    const signed = formatWebhook(conflictDetected(), 'whsec_docs_example_0123456789', { deliveryId: 'dlv_3c9e1f', now });
    expect(example('webhook-headers')).toBe(json(signed.headers));
    expect(example('webhook-body')).toBe(json(JSON.parse(signed.body)));
    const header = (JSON.parse(example('webhook-headers')) as Record<string, string>)['Toolgate-Signature'];
    expect(verifyWebhookSignature(JSON.stringify(JSON.parse(example('webhook-body'))), header, 'whsec_docs_example_0123456789', { now }).ok).toBe(true);
  });
});
