/** The slice of an Express request the route label reads (the project does not depend on @types/express). */
export interface RoutedRequest {
  baseUrl?: string;
  route?: { path?: unknown };
}

/** Label of a request that matched no route (404s): one series, never the raw path (unbounded cardinality). */
export const UNMATCHED_ROUTE = '<unmatched>';

/**
 * The route TEMPLATE Express matched (`/v1/environments/:env/tools`), never the raw URL: ids in a label
 * would create a series per id. Read when the response finishes, after routing set `req.route`.
 */
export function routeLabel(req: RoutedRequest, middlewareRoute?: RoutedRequest['route']): string {
  // Nest mounts middleware as a catch-all route: still that route at the end means no handler matched.
  if (req.route === undefined || req.route === middlewareRoute) return UNMATCHED_ROUTE;
  const path = req.route.path;
  if (typeof path !== 'string') return UNMATCHED_ROUTE;
  return `${req.baseUrl ?? ''}${path}` || '/';
}
