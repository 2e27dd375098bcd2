import type { Page, PageRequest } from './registry.types';

/**
 * Prisma arguments for keyset pagination by id. uuid v7 ids are time-ordered, so "after this id"
 * is "created later", and a page stays stable while rows are inserted.
 */
export function pageArgs(page: PageRequest): { take: number; orderBy: { id: 'asc' }; where: { id?: { gt: string } } } {
  return { take: page.limit + 1, orderBy: { id: 'asc' }, where: page.cursor ? { id: { gt: page.cursor } } : {} };
}

/** Cuts the extra row fetched by {@link pageArgs} and turns it into the next cursor. */
export function toPage<R extends { id: string }, T>(rows: R[], page: PageRequest, map: (row: R) => T): Page<T> {
  const hasMore = rows.length > page.limit;
  const kept = hasMore ? rows.slice(0, page.limit) : rows;
  return { items: kept.map(map), nextCursor: hasMore ? (kept[kept.length - 1]?.id ?? null) : null };
}
