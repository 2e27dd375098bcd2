import { isIP } from 'node:net';
import { assertOutboundHostAllowed, isOutboundUrlError, type OutboundUrlPolicy, type ResolvedAddress } from '@toolgate/net';
import { createTransport } from 'nodemailer';
import type { DeliveryResult, EmailSecrets, EmailSettings } from '../model';
import type { EmailMessage } from '../format/email.format';

/** nodemailer error codes that mean the peer was unreachable or dropped us: worth another try. */
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNRESET', 'ECONNREFUSED', 'EPROTOCOL']);

/**
 * Sends one email over SMTP (a fresh connection per delivery: deliveries are rare and a pooled
 * connection would outlive a config change). SMTP 4xx replies and connection failures are retryable;
 * 5xx replies (bad login, rejected recipient) are permanent.
 */
export async function sendEmail(
  settings: EmailSettings,
  secrets: EmailSecrets,
  message: EmailMessage,
  options: { timeoutMs: number; headers: Record<string, string>; urlPolicy: OutboundUrlPolicy },
): Promise<DeliveryResult> {
  const started = Date.now();
  // Resolve and check the host before nodemailer connects, then connect to the checked address (not the name,
  // which a second DNS answer could point elsewhere); TLS still verifies the certificate against the name.
  let addresses: ResolvedAddress[];
  try {
    addresses = await assertOutboundHostAllowed(settings.host, settings.port, options.urlPolicy);
  } catch (error) {
    if (!isOutboundUrlError(error)) throw error;
    const refused = error.code === 'URL_NOT_ALLOWED';
    return { ok: false, status: 'failed', retryable: !refused, errorCode: refused ? 'NOTIFICATION.DESTINATION_NOT_ALLOWED' : 'NOTIFICATION.SMTP', error: error.message, durationMs: Date.now() - started };
  }
  const transport = createTransport({
    // IPv4 first, as nodemailer's own resolver would (every address has passed the check).
    host: (addresses.find((a) => a.family === 4) ?? addresses[0]!).address,
    ...(isIP(settings.host) ? {} : { servername: settings.host }),
    port: settings.port,
    secure: settings.secure,
    ...(settings.requireTLS !== undefined ? { requireTLS: settings.requireTLS } : {}),
    ...(secrets.user !== undefined && secrets.password !== undefined ? { auth: { user: secrets.user, pass: secrets.password } } : {}),
    connectionTimeout: options.timeoutMs,
    greetingTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    // Never log: the AUTH exchange would carry the password.
    logger: false,
    debug: false,
  });
  try {
    const info = await transport.sendMail({
      from: settings.from,
      to: settings.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: options.headers,
    });
    const rejected = info.rejected.length;
    if (rejected > 0 && info.accepted.length === 0) {
      return { ok: false, status: 'failed', retryable: false, errorCode: 'NOTIFICATION.SMTP', error: `all ${rejected} recipients rejected`, durationMs: Date.now() - started };
    }
    return { ok: true, status: 'sent', retryable: false, providerMessageId: info.messageId, durationMs: Date.now() - started };
  } catch (error) {
    const { code, responseCode, message: text } = error as { code?: string; responseCode?: number; message?: string };
    const retryable = typeof responseCode === 'number' ? responseCode >= 400 && responseCode < 500 : code === undefined || TRANSIENT_CODES.has(code);
    const errorCode = code === 'ETIMEDOUT' ? 'NOTIFICATION.TIMEOUT' : 'NOTIFICATION.SMTP';
    const prefix = [code, responseCode].filter((v) => v !== undefined).join(' ');
    return { ok: false, status: 'failed', retryable, errorCode, error: `${prefix ? `${prefix}: ` : ''}${text ?? String(error)}`.slice(0, 500), durationMs: Date.now() - started };
  } finally {
    transport.close();
  }
}
