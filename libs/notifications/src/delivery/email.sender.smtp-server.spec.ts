import { createServer, type Socket } from 'node:net';
import { startSmtpPeer, type SmtpPeer } from '@toolgate/testing';
import type { NotificationChannel } from '../model';
import { conflictDetected, deliverToLocalPeers as deliver } from '../spec-fixtures';

describe('email over SMTP (real smtp-server peer)', () => {
  let smtp: SmtpPeer;
  let channel: Extract<NotificationChannel, { kind: 'email' }>;
  beforeEach(async () => {
    smtp = await startSmtpPeer({ auth: { user: 'toolgate', password: 'smtp-pass-S3cret!' } });
    channel = {
      id: 'ch_mail',
      kind: 'email',
      settings: { host: smtp.host, port: smtp.port, secure: false, from: 'toolgate@example.com', to: ['oncall@example.com', 'platform@example.com'] },
      secrets: { user: 'toolgate', password: 'smtp-pass-S3cret!' },
    };
  });
  afterEach(() => smtp.close());

  it('delivers one message with a plain-text and an HTML part', async () => {
    const result = await deliver(channel, conflictDetected(), { deliveryId: 'dlv_mail_1' });
    expect(result).toMatchObject({ ok: true, status: 'sent' });
    expect(result.providerMessageId).toMatch(/^<.+@.+>$/);
    expect(smtp.mails).toHaveLength(1);
    const [mail] = smtp.mails;
    expect(mail?.user).toBe('toolgate');
    expect(mail?.from).toBe('toolgate@example.com');
    expect(mail?.to).toEqual(['oncall@example.com', 'platform@example.com']);
    expect(mail?.subject).toBe('[production] HIGH conflict: search_issues (server github) vs search_issues (server linear)');
    expect(mail?.headers.get('x-toolgate-delivery')).toBe('dlv_mail_1');
    expect(mail?.text).toContain('Conflicting tool: search_issues (server linear)');
    expect(mail?.text).toContain('Approve: https://toolgate.example.com/v1/approvals/apr_5521?action=approve');
    expect(mail?.html).toContain('<a href="https://toolgate.example.com/v1/approvals/apr_5521?action=reject"');
    expect(mail?.html).toContain('<h3 style="margin:16px 0 4px">Top recommendation</h3>');
  });

  it('HTML-escapes tool metadata and keeps the subject on one line', async () => {
    await deliver(channel, conflictDetected({ tool: { name: '<img src=x onerror=alert(1)>', server: 'a"b' }, title: 'two\r\nBcc: victim@example.com' }));
    const [mail] = smtp.mails;
    expect(mail?.html).not.toContain('<img');
    expect(mail?.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail?.html).toContain('a&quot;b');
    expect(mail?.subject).toBe('[production] two Bcc: victim@example.com');
    expect(mail?.headers.has('bcc')).toBe(false);
    expect(mail?.to).toEqual(['oncall@example.com', 'platform@example.com']);
  });

  it('a wrong password is a permanent failure whose error does not contain the password', async () => {
    const result = await deliver({ ...channel, secrets: { user: 'toolgate', password: 'wrong-pass-9876' } }, conflictDetected());
    expect(result).toMatchObject({ ok: false, retryable: false, errorCode: 'NOTIFICATION.SMTP' });
    expect(result.error).toContain('535');
    expect(result.error).not.toContain('wrong-pass-9876');
    expect(smtp.authFailures).toBe(1);
  });

  it('a 451 reply is retryable and the next attempt is delivered', async () => {
    smtp.failNext(1, 451);
    const first = await deliver(channel, conflictDetected());
    expect(first).toMatchObject({ ok: false, retryable: true, errorCode: 'NOTIFICATION.SMTP' });
    const second = await deliver(channel, conflictDetected());
    expect(second.ok).toBe(true);
    expect(smtp.mails).toHaveLength(1);
  });

  it('a 550 reply is permanent', async () => {
    smtp.failNext(1, 550);
    expect(await deliver(channel, conflictDetected())).toMatchObject({ ok: false, retryable: false });
  });

  it('an unreachable server is retryable', async () => {
    await smtp.close();
    const result = await deliver(channel, conflictDetected(), { timeoutMs: 2000 });
    expect(result).toMatchObject({ ok: false, retryable: true });
    smtp = await startSmtpPeer();
  });

  it('a server that accepts the connection but never greets times out as retryable', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as { port: number };
      const started = Date.now();
      const result = await deliver({ ...channel, settings: { ...channel.settings, port } }, conflictDetected(), { timeoutMs: 300 });
      expect(result).toMatchObject({ ok: false, retryable: true, errorCode: 'NOTIFICATION.TIMEOUT' });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
