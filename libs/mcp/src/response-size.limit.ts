import { McpSyncError } from './mcp-sync.errors';

/** Bytes one HTTP response (a JSON answer or an SSE stream) may carry before it is cut: 16 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

type FetchFn = typeof fetch;

/**
 * A fetch whose response bodies fail once they pass `maxBytes`, so a hostile or broken server cannot
 * make a worker buffer an endless answer. The SDK only reports a broken stream to `onerror` (the request
 * would wait for the deadline), so the error also goes to `onExceeded`, which ends the session at once.
 */
export function limitResponseSize(base: FetchFn, maxBytes: number = DEFAULT_MAX_RESPONSE_BYTES, onExceeded?: (error: McpSyncError) => void): FetchFn {
  return async (input, init) => {
    const response = await base(input, init);
    if (!response.body || response.status < 200) return response;
    let total = 0;
    const limited = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          total += chunk.byteLength;
          if (total <= maxBytes) return controller.enqueue(chunk);
          const error = new McpSyncError('PROTOCOL_ERROR', `a response exceeded ${maxBytes} bytes`, { maxBytes });
          controller.error(error);
          onExceeded?.(error);
        },
      }),
    );
    return new Response(limited, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
