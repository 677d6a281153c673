/**
 * Isolation modes of an application-virtualization client (ThinApp's names; App-V behaves like WriteCopy):
 * - merged: the app reads and writes the real host;
 * - writecopy: it reads the host, but its writes are redirected to its sandbox;
 * - full: it cannot see the host at all; everything goes to the sandbox.
 * Reads resolve sandbox → package VFS → host (full stops before the host). Registry keys follow the same rule.
 */
export const ISOLATION_MODES = ['merged', 'writecopy', 'full'] as const;
export type Isolation = (typeof ISOLATION_MODES)[number];

export type LayerName = 'sandbox' | 'package' | 'host';

export const READ_ORDER: Record<Isolation, readonly LayerName[]> = {
  merged: ['sandbox', 'package', 'host'],
  writecopy: ['sandbox', 'package', 'host'],
  full: ['sandbox', 'package'],
};

export const WRITE_TO: Record<Isolation, 'host' | 'sandbox'> = {
  merged: 'host',
  writecopy: 'sandbox',
  full: 'sandbox',
};
