import { ConflictError, type ErrorDetails } from '@toolgate/config';

/** True for Prisma's unique-constraint violation (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

/**
 * Runs `write` and turns a unique violation into a domain ConflictError (409 with `code`), so no
 * Prisma error crosses the repository boundary (CONVENTIONS.md #3).
 */
export async function uniqueAsConflict<T>(write: () => Promise<T>, code: string, message: string, details: ErrorDetails = {}): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new ConflictError(code, message, details);
    throw error;
  }
}

/** Prisma's "record to update not found" (P2025). */
export function isRecordNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2025';
}
