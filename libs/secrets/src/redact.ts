/**
 * Replaces every occurrence of the given secret values in a text (an error message, a log line) with
 * `[redacted]`. Used where a third party may echo a secret back: an SMTP server quoting the login, an
 * HTTP client error that includes the webhook URL, an MCP server printing its env on stderr.
 */
export function redactSecretValues(text: string, secrets: Iterable<string | undefined | null>): string {
  let result = text;
  const values = [...secrets].filter((value): value is string => typeof value === 'string' && value.length >= 4);
  // Longest first, so a secret that contains another is replaced whole.
  values.sort((a, b) => b.length - a.length);
  for (const value of values) result = result.split(value).join('[redacted]');
  return result;
}
