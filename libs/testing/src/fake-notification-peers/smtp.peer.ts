import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { parseMail, type ParsedMail } from './mime';

export interface ReceivedMail extends ParsedMail {
  from: string;
  to: string[];
  /** The whole message as received (headers + MIME body). */
  raw: string;
  /** The user that authenticated, if any. */
  user?: string;
}

export interface SmtpPeer {
  host: string;
  port: number;
  mails: ReceivedMail[];
  /** Failed AUTH attempts (wrong user or password). */
  authFailures: number;
  /** Rejects the next `count` messages at the DATA stage with this SMTP reply code (4xx transient, 5xx permanent). */
  failNext(count: number, responseCode: number): void;
  close(): Promise<void>;
}

export interface SmtpPeerOptions {
  /** Require this login; without it, AUTH is optional and any login is accepted. */
  auth?: { user: string; password: string };
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1:0 that keeps every message. Plain SMTP, no STARTTLS
 * (its self-signed certificate would fail verification), AUTH PLAIN/LOGIN allowed without TLS.
 */
export async function startSmtpPeer(options: SmtpPeerOptions = {}): Promise<SmtpPeer> {
  const mails: ReceivedMail[] = [];
  const failures: number[] = [];
  let authFailures = 0;
  const serverOptions: SMTPServerOptions = {
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: options.auth === undefined,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && (auth.username !== options.auth.user || auth.password !== options.auth.password)) {
        authFailures += 1;
        return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      }
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const failure = failures.shift();
        if (failure !== undefined) return callback(Object.assign(new Error(`fake failure ${failure}`), { responseCode: failure }));
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        mails.push({ ...parseMail(raw), raw, from, to: session.envelope.rcptTo.map((r) => r.address), ...(typeof session.user === 'string' ? { user: session.user } : {}) });
        callback(null);
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = (server as unknown as { server: { address(): AddressInfo } }).server.address();
  return {
    host: '127.0.0.1',
    port,
    mails,
    get authFailures() {
      return authFailures;
    },
    failNext: (count, responseCode) => {
      for (let i = 0; i < count; i += 1) failures.push(responseCode);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
