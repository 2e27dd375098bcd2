import { z } from 'zod';

/** Cursor pagination query: `?limit=&cursor=`; pass the previous page's `nextCursor` as `cursor`. */
export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.uuid().optional(),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;
