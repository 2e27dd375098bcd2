import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../http-body';

/** One request the fake received, as the SDK sent it. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
}

/** A scripted misbehaviour, consumed by the next request(s) before the normal handler runs. */
export type Fault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'delay'; ms: number }
  | { kind: 'raw'; status: number; text: string };

export interface FakeResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type FakeHandler = (request: RecordedRequest) => FakeResponse;

/** A local HTTP server on 127.0.0.1:0 speaking a provider's wire format (see the per-provider fakes). */
export interface FakeServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** Request-shape problems the fake rejected with 400; a test expecting success checks it is empty. */
  violations: string[];
  /** Requests being answered right now, and the most there ever were at once (to test concurrency limits). */
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Queues faults for the next requests, in order. */
  fail(...faults: Fault[]): void;
  /** Makes every following request (or only those to `path`) fail with this fault until `heal()`. */
  failAlways(fault: Fault, path?: string): void;
  heal(): void;
  close(): Promise<void>;
}

/** Thrown by a handler to reject a malformed request with the provider's 400 error shape. */
export class WireViolation extends Error {}

export async function startFakeServer(handler: FakeHandler, errorBody: (message: string) => unknown): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const queue: Fault[] = [];
  let always: { fault: Fault; path?: string } | undefined;
  let inFlight = 0;
  let maxInFlight = 0;

  const server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    // Counted until the response is sent or the client gives up, whichever comes first.
    let counted = true;
    const done = () => {
      if (counted) inFlight--;
      counted = false;
    };
    res.on('finish', done);
    res.on('close', done);
    void readBody(req).then(async (text) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: unknown = undefined;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        violations.push(`${url.pathname}: body is not JSON`);
      }
      const recorded: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body, at: Date.now() };
      requests.push(recorded);
      const fault = queue.shift() ?? (always && (always.path === undefined || always.path === url.pathname) ? always.fault : undefined);
      if (fault?.kind === 'delay') await sleep(fault.ms);
      else if (fault?.kind === 'status') return send(res, fault.status, fault.body ?? errorBody(`fake fault ${fault.status}`), fault.headers);
      else if (fault?.kind === 'raw') return sendText(res, fault.status, fault.text);
      try {
        const response = handler(recorded);
        send(res, response.status, response.body, response.headers);
      } catch (error) {
        if (!(error instanceof WireViolation)) throw error;
        violations.push(error.message);
        send(res, 400, errorBody(error.message));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    violations,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    fail: (...faults) => void queue.push(...faults),
    failAlways: (fault, path) => void (always = { fault, path }),
    heal: () => void (always = undefined),
    close: () =>
      new Promise<void>((resolve) => {
        // A delayed response may still hold a socket open; do not wait for it.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(text);
}

function sleep(ms: number): Promise<void> {
  // Unref'd: a response still delayed when a test closes the fake must not keep Jest alive.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
