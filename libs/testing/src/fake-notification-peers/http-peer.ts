import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../http-body';

/** One request a peer received: the raw body is kept because signatures cover the exact bytes. */
export interface PeerRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  /** Parsed JSON, or undefined when the body is not JSON. */
  body: unknown;
  at: number;
  /** Status the peer answered with. */
  status: number;
}

export interface PeerReply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** A scripted failure for the next request(s). */
export interface PeerFailure {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/** A local HTTP peer standing in for Slack, PagerDuty or a webhook receiver. */
export interface HttpPeer {
  /** The URL to configure as the channel's endpoint. */
  url: string;
  /** Every request, in arrival order, with the status it got. */
  requests: PeerRequest[];
  /** Why requests were rejected as malformed (400/401); a test expecting success checks it is empty. */
  violations: string[];
  /** Answers the next `count` requests with `failure.status` (before validation), e.g. `failNext(1, { status: 500 })`. */
  failNext(count: number, failure: PeerFailure): void;
  /** Holds the next `count` responses for `ms` (to exercise client timeouts). */
  delayNext(count: number, ms: number): void;
  close(): Promise<void>;
}

/** Handler: validates a request and answers; returns `violation` to reject it as malformed. */
export type PeerHandler = (request: Omit<PeerRequest, 'status'>) => PeerReply & { violation?: string };

export async function startHttpPeer(path: string, handler: PeerHandler): Promise<HttpPeer> {
  const requests: PeerRequest[] = [];
  const violations: string[] = [];
  const failures: PeerFailure[] = [];
  const delays: number[] = [];

  const server = createServer((req, res) => {
    void readBody(req).then(async (rawBody) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: unknown;
      try {
        body = rawBody ? JSON.parse(rawBody) : undefined;
      } catch {
        body = undefined;
      }
      const request = { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, rawBody, body, at: Date.now() };
      const delay = delays.shift();
      if (delay !== undefined) await sleep(delay);
      const failure = failures.shift();
      let reply: PeerReply & { violation?: string };
      if (failure) reply = { status: failure.status, body: failure.body ?? `fake failure ${failure.status}`, headers: failure.headers };
      else if (request.method !== 'POST' || request.path !== path) reply = { status: 404, body: 'no_service' };
      else reply = handler(request);
      if (reply.violation) violations.push(reply.violation);
      requests.push({ ...request, status: reply.status });
      send(res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    violations,
    failNext: (count, failure) => {
      for (let i = 0; i < count; i += 1) failures.push(failure);
    },
    delayNext: (count, ms) => {
      for (let i = 0; i < count; i += 1) delays.push(ms);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, reply: PeerReply): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8', ...reply.headers });
  res.end(reply.body);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** Formats zod-style issues as `path: message` lines. */
export function issuesText(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}
