/** Every path a parsed configuration holds (`a.b[2].c`), the root as '', in document order: for line lookups. */
export function pathsOf(value: unknown, prefix = '', into: string[] = []): string[] {
  into.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, `${prefix}[${i}]`, into));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, prefix ? `${prefix}.${k}` : k, into);
  return into;
}
