/** RFC 6901 JSON pointers, so every input error and scan finding points at the exact field. */
export function escapePointerToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** `pointerOf('/tools/3', ['inputSchema', 'properties'])` → `/tools/3/inputSchema/properties`. */
export function pointerOf(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const token of path) out += `/${escapePointerToken(typeof token === 'symbol' ? String(token.description) : token)}`;
  return out;
}
