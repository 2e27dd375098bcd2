/** Why an outbound destination was refused. */
export type OutboundErrorCode =
  /** Not http(s), credentials in the URL, outside the allowlist, or a refused address range. */
  | 'URL_NOT_ALLOWED'
  /** The host name does not resolve (or resolves to nothing). */
  | 'UNRESOLVABLE';

export class OutboundUrlError extends Error {
  override readonly name = 'OutboundUrlError';

  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    /** Host, port, address and range; the URL without its query (which may hold a token). */
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isOutboundUrlError(error: unknown): error is OutboundUrlError {
  return error instanceof OutboundUrlError;
}
