import type { IncomingMessage } from 'node:http';
import type { Config } from '@toolgate/config';
import type { Params } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import { requestId } from './request-id';

// Probes and Prometheus scrapes hit these every few seconds; readiness logs its own transitions instead.
const UNLOGGED_PATHS = new Set(['/health', '/readiness', '/metrics']);

/** Structured JSON logs: one line per request plus application logs, each with `requestId`. */
export function loggerOptions(config: Config): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      timestamp: stdTimeFunctions.isoTime,
      genReqId: requestId,
      customProps: (req: IncomingMessage & { id?: unknown }) => ({ requestId: req.id }),
      // Log what identifies a request, not its headers (Authorization, cookies).
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      autoLogging: { ignore: (req) => UNLOGGED_PATHS.has((req.url ?? '').split('?')[0] ?? '') },
    },
  };
}
