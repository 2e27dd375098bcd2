/**
 * A deterministic stand-in for an embedding model: hashed bag of lower-cased words, NOT
 * normalised (real providers' vectors are close to unit length but the client must not rely on
 * it). Texts sharing words get similar vectors, so the pipeline's semantic stage behaves sensibly.
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const out = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const h = fnv1a(word);
    out[h % dimensions] += 3;
    out[(h >>> 8) % dimensions] += (h & 1) === 0 ? 1 : -1;
  }
  out[0] += 0.01; // never the zero vector
  return out;
}

/** Words of a text (for the fake routers' overlap score). */
export function words(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter((w) => w.length > 2));
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** OpenAI's `encoding_format: base64`: little-endian float32 bytes. */
export function toBase64Floats(values: number[]): string {
  return Buffer.from(Float32Array.from(values).buffer).toString('base64');
}
