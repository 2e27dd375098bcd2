import { Injectable, type NestMiddleware } from '@nestjs/common';
import { routeLabel, type RoutedRequest } from './metric-labels';
import { ApiMetrics } from './metrics.service';

interface FinishingResponse {
  statusCode: number;
  once(event: 'finish', listener: () => void): unknown;
}

/**
 * Times every HTTP request into toolgate_http_request_duration_seconds, labelled when the response
 * finishes (so guard rejections and 404s count too, exactly once). A middleware rather than an
 * interceptor: interceptors run after guards, so a 401 would never be seen. Scrapes are not counted.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: ApiMetrics) {}

  use(req: RoutedRequest & { method: string }, res: FinishingResponse, next: () => void): void {
    const end = this.metrics.httpRequestDuration.startTimer();
    const middlewareRoute = req.route;
    res.once('finish', () => {
      const route = routeLabel(req, middlewareRoute);
      if (route === '/metrics') return;
      end({ method: req.method, route, status_code: String(res.statusCode) });
    });
    next();
  }
}
