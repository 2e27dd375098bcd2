import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import { toHttpError } from './error-body';

/** The slice of Express' response the filter writes to. */
interface JsonResponse {
  headersSent: boolean;
  status(code: number): JsonResponse;
  json(body: unknown): unknown;
}

/**
 * Global filter: every error leaves the API as `{ code, message, details }` (CONVENTIONS.md #5).
 * Server errors are logged with their stack; the client only sees `INTERNAL`.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body } = toHttpError(exception);
    if (status >= 500) {
      this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    }
    const response = host.switchToHttp().getResponse<JsonResponse>();
    if (response.headersSent) return;
    response.status(status).json(body);
  }
}
