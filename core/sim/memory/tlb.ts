/**
 * The TLB as a count of cached translations per guest (per tag). An access op touches the same first `pages`
 * pages of the working set each time, in order: what is cached hits, the rest misses and is walked. Touching more
 * pages than the TLB holds, cyclically, evicts each entry before its reuse (LRU), so every access misses. Each tag
 * is given the whole capacity: competition between tags for entries is not modelled.
 */
export function tlbLookup(cached: number, pages: number, capacity: number): { misses: number; cached: number } {
  if (pages > capacity) return { misses: pages, cached: capacity };
  return { misses: Math.max(0, pages - cached), cached: Math.max(cached, pages) };
}
