import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma.service';

/** Hashes per query: far under Postgres' 65,535 bind parameters. */
const CHUNK = 5000;

/**
 * The `EmbeddingCache` table: vectors by (model, SHA-256 hex of the embedded text), stored as
 * little-endian float32 bytes. Structurally the `EmbeddingCacheStore` of @toolgate/providers, so
 * `createProviders(config, { embeddingCache: repository })` makes an unchanged tool embedded once
 * across restarts and workers.
 */
@Injectable()
export class EmbeddingCacheRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Stored vectors for these hashes; marks them used (for a future eviction by lastUsedAt). */
  async getMany(model: string, textHashes: readonly string[]): Promise<Map<string, Float32Array>> {
    const out = new Map<string, Float32Array>();
    for (let i = 0; i < textHashes.length; i += CHUNK) {
      const chunk = textHashes.slice(i, i + CHUNK);
      const rows = await this.prisma.embeddingCache.findMany({ where: { model, textHash: { in: chunk } }, select: { textHash: true, dims: true, vector: true } });
      for (const row of rows) out.set(row.textHash, toFloats(row.vector, row.dims));
      if (rows.length > 0) {
        await this.prisma.embeddingCache.updateMany({ where: { model, textHash: { in: rows.map((r) => r.textHash) } }, data: { lastUsedAt: new Date() } });
      }
    }
    return out;
  }

  /** Inserts new vectors; a row another worker wrote first is kept (same model and text, same vector). */
  async putMany(model: string, entries: readonly { textHash: string; vector: Float32Array }[]): Promise<void> {
    for (let i = 0; i < entries.length; i += CHUNK) {
      const data = entries.slice(i, i + CHUNK).map((e) => ({ model, textHash: e.textHash, dims: e.vector.length, vector: toBytes(e.vector) }));
      await this.prisma.embeddingCache.createMany({ data, skipDuplicates: true });
    }
  }
}

function toBytes(vector: Float32Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(vector.length * 4);
  const view = new DataView(bytes.buffer);
  vector.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return bytes;
}

function toFloats(bytes: Uint8Array, dims: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The row's own length wins over `dims`, so a corrupt row shows up as a size mismatch downstream.
  const length = Math.min(dims, Math.floor(bytes.byteLength / 4));
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
