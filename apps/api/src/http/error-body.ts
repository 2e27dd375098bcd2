import { HttpException } from '@nestjs/common';
import { DomainError, type ErrorDetails } from '@toolgate/config';
import { codeForStatus, STATUS_BY_KIND } from './error-status';

/** The JSON body of every error response. */
export interface ErrorBody {
  code: string;
  message: string;
  details: ErrorDetails;
}

/** An error translated for the wire: the status and the body to send. */
export interface HttpError {
  status: number;
  body: ErrorBody;
}

const INTERNAL: ErrorBody = { code: 'INTERNAL', message: 'Internal server error', details: {} };

/**
 * Maps anything thrown while handling a request to a status and `{ code, message, details }`.
 * Only DomainErrors and client errors are described; a 5xx never reveals its cause.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof DomainError) {
    return { status: STATUS_BY_KIND[error.kind], body: { code: error.code, message: error.message, details: error.details } };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status >= 500) return { status, body: INTERNAL };
    return { status, body: { code: codeForStatus(status), message: httpExceptionMessage(error), details: {} } };
  }
  // body-parser and other http-errors style errors mark client-safe messages with `expose`.
  const status = clientErrorStatus(error);
  if (status !== undefined) {
    return { status, body: { code: codeForStatus(status), message: (error as Error).message, details: {} } };
  }
  return { status: 500, body: INTERNAL };
}

function httpExceptionMessage(error: HttpException): string {
  const response = error.getResponse();
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const { message } = response as { message: unknown };
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return error.message;
}

function clientErrorStatus(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const { status, expose } = error as Error & { status?: unknown; expose?: unknown };
  return typeof status === 'number' && status >= 400 && status < 500 && expose === true ? status : undefined;
}
