/**
 * A light English stemmer: enough to make `users`/`user`, `created`/`create`, `listing`/`list` meet,
 * without Porter's over-stemming of short tool words (`issues` → `issu` would hurt readability of evidence).
 */
// A Map, not an object literal: `IRREGULAR['constructor']` on a plain object returns a function.
const IRREGULAR: ReadonlyMap<string, string> = new Map(Object.entries({
  children: 'child',
  people: 'person',
  data: 'data',
  status: 'status',
  analysis: 'analysis',
  address: 'address',
  process: 'process',
  access: 'access',
  news: 'news',
  series: 'series',
  alias: 'alias',
  canvas: 'canvas',
  https: 'https',
  dns: 'dns',
  aws: 'aws',
  gis: 'gis',
  ios: 'ios',
  kubernetes: 'kubernetes',
  this: 'this',
  is: 'is',
  was: 'was',
  has: 'has',
  does: 'do',
  bus: 'bus',
}));

// Tool vocabularies are small and repetitive: memoising makes stemming a map lookup for almost every word.
// Bounded so a stream of unique words (hashes, ids) cannot grow it without limit.
const CACHE = new Map<string, string>();
const CACHE_LIMIT = 50_000;

export function stem(word: string): string {
  const cached = CACHE.get(word);
  if (cached !== undefined) return cached;
  const result = stemUncached(word);
  if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
  CACHE.set(word, result);
  return result;
}

function stemUncached(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 3) return w;
  const irregular = IRREGULAR.get(w);
  if (irregular) return irregular;
  if (w.endsWith('ies') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('sses')) return w.slice(0, -2);
  if (/(ches|shes|xes|zes)$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('ss') || w.endsWith('us') || w.endsWith('is')) return w;
  if (w.endsWith('s')) return w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) return undouble(w.slice(0, -3));
  if (w.endsWith('ied') && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ed') && w.length > 4) return undouble(restoreE(w.slice(0, -2)));
  return w;
}

/** `creat` → `create`, `updat` → `update`: restore the silent e dropped by -ed. */
function restoreE(base: string): string {
  return /(at|iz|bl|ov|ag|us|iv|ar|ur|in)$/.test(base) && !/(ain|oin|een)$/.test(base) ? `${base}e` : base;
}

/** `stopp` → `stop`, `mapp` → `map`, but keep `add`, `all`, `pass`. */
function undouble(base: string): string {
  return /([bdgmnprt])\1$/.test(base) && !/(add|ll|ss|odd|egg)$/.test(base) ? base.slice(0, -1) : base;
}
