/**
 * One layer of a file system or registry view (the host, a package's VFS, a sandbox): path → content. Windows paths
 * and registry keys are case-insensitive, so lookups ignore case while the state keeps the spelling first written.
 * Backslashes become `/` (`C:\App\a.ini` and `c:/app/A.ini` are the same file).
 */
export const normalizePath = (path: string): string =>
  path
    .trim()
    .replace(/\\/g, '/')
    .replace(/\/{2,}/g, '/')
    .replace(/\/$/, '');

export class Layer {
  private readonly entries = new Map<string, { path: string; value: string }>();

  constructor(initial: Record<string, string> = {}) {
    for (const [path, value] of Object.entries(initial)) this.set(path, value);
  }

  get(path: string): string | undefined {
    return this.entries.get(normalizePath(path).toLowerCase())?.value;
  }

  set(path: string, value: string): void {
    const p = normalizePath(path);
    const existing = this.entries.get(p.toLowerCase());
    this.entries.set(p.toLowerCase(), { path: existing?.path ?? p, value });
  }

  get size(): number {
    return this.entries.size;
  }

  /** Plain record for the state, sorted by path so the output is stable. */
  toRecord(): Record<string, string> {
    return Object.fromEntries(
      [...this.entries.values()].sort((a, b) => (a.path < b.path ? -1 : 1)).map((e) => [e.path, e.value]),
    );
  }
}
