/**
 * Splits identifiers the ways MCP servers write them: snake_case, kebab-case, camelCase,
 * PascalCase, dotted.names, "spaced words", and acronyms (`getHTTPResponse` → get, http, response).
 */
export function splitIdentifier(name: string): string[] {
  return name
    .normalize('NFKC')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])([0-9])/g, '$1 $2')
    .replace(/([0-9])([a-zA-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((part) => part.length > 0);
}
