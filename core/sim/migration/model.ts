/**
 * The pre-copy model of Clark et al., "Live Migration of Virtual Machines", NSDI 2005 (§3 iterative pre-copy,
 * stop-and-copy when the writable working set is small enough), with QEMU's remedies for non-convergence
 * (QEMU documentation, "Migration" and migration parameters: auto-converge throttling, postcopy-ram).
 *
 * All in integers: a round sending `p` pages over `b` pages/s lasts p/b seconds, during which a guest dirtying
 * `d` pages/s dirties floor(p·d/b) pages (never more than its memory). The arithmetic goes through BigInt so that
 * products of two bounded counts stay exact.
 */
export const mulDiv = (a: number, b: number, c: number): number => Number((BigInt(a) * BigInt(b)) / BigInt(c));

/** Milliseconds to send `pages` at `bandwidth` pages/s, rounded up. */
export const transferMs = (pages: number, bandwidth: number): number =>
  Number((BigInt(pages) * 1000n + BigInt(bandwidth) - 1n) / BigInt(bandwidth));

/** Pages dirtied while `pages` are sent: floor(pages × dirtyRate / bandwidth), at most the VM's memory. */
export const dirtiedDuring = (pages: number, dirtyRate: number, bandwidth: number, memoryPages: number): number =>
  Math.min(memoryPages, mulDiv(pages, dirtyRate, bandwidth));

/** The guest's dirty rate with its vCPUs throttled by `throttle` percent. */
export const throttled = (dirtyRate: number, throttle: number): number => mulDiv(dirtyRate, 100 - throttle, 100);

/** Stop-and-copy fits when the remaining pages can be sent within the allowed downtime. */
export const fitsDowntime = (remaining: number, bandwidth: number, maxDowntimeMs: number): boolean =>
  BigInt(remaining) * 1000n <= BigInt(bandwidth) * BigInt(maxDowntimeMs);

/** Pages that hold `bytes`, rounded up. */
export const pagesOf = (bytes: number, pageSize: number): number =>
  Number((BigInt(bytes) + BigInt(pageSize) - 1n) / BigInt(pageSize));
