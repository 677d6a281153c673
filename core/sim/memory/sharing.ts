import { msg } from '../../i18n.ts';
import type { GuestRun, ImageRun, MemoryRun } from './runtime.ts';

/**
 * Content-based page sharing: KSM's ksmd (Linux Documentation/admin-guide/mm/ksm.rst) or ESX's transparent page
 * sharing (Waldspurger, OSDI 2002: a 64-bit hash finds candidates, a full compare confirms). Identical pages are
 * merged into one write-protected frame; a write to one gets a private copy (copy-on-write, `cow_ksm`).
 *
 * Content is counted, not stored: a guest's `content` image of p pages has pages 0..p−1, page k the same in every
 * guest; writes change the top pages first, so the unchanged pages of a guest are a prefix. Zero pages are all the
 * same. With `intra-vm` (TPS salting, VMware KB 2097593) only pages of one VM merge with each other.
 */

const unchanged = (x: ImageRun): number => x.pages - x.broken;

/** Per image, the two largest unchanged counts among the guests (a guest's partner is the best other guest). */
function topTwo(run: MemoryRun): { first: Int32Array; second: Int32Array } {
  const first = new Int32Array(run.images.size);
  const second = new Int32Array(run.images.size);
  for (const g of run.guests.values()) {
    for (const x of g.images) {
      const u = unchanged(x);
      if (u > first[x.index]) {
        second[x.index] = first[x.index];
        first[x.index] = u;
      } else if (u > second[x.index]) second[x.index] = u;
    }
  }
  return { first, second };
}

/** Zero pages merge with any other zero page in scope (the host, or the guest itself), so two are enough. */
function zeroTarget(run: MemoryRun, g: GuestRun, hostZeros: number): number {
  const mine = g.config.zeroPages - g.zeroBroken;
  const mode = run.config.overcommit.sharing;
  if (mode === 'off') return 0;
  return (mode === 'inter-vm' ? hostZeros : mine) >= 2 ? mine : 0;
}

/** Move up to `want` resident pages of a guest into sharing; returns how many moved. */
function take(g: GuestRun, want: number): number {
  const n = Math.max(0, Math.min(want, g.state.resident));
  g.state.resident -= n;
  g.state.shared += n;
  return n;
}

/** One full pass of the scanner: merge what can be merged, from each guest's resident pages. Returns frames freed. */
export function scan(run: MemoryRun, op: string): number {
  const before = run.usedFrames();
  const interVm = run.config.overcommit.sharing === 'inter-vm';
  const top = interVm ? topTwo(run) : undefined;
  let hostZeros = 0;
  for (const g of run.guests.values()) hostZeros += g.config.zeroPages - g.zeroBroken;
  let compared = 0;
  for (const g of run.guests.values()) {
    compared += g.state.resident;
    const zeros = take(g, zeroTarget(run, g, hostZeros) - g.zeroMerged);
    g.zeroMerged += zeros;
    let merged = zeros;
    if (top) {
      for (const x of g.images) {
        const u = unchanged(x);
        const a = top.first[x.index];
        const n = take(g, Math.min(u, u === a ? top.second[x.index] : a) - x.merged);
        x.merged += n;
        merged += n;
      }
    }
    run.count(g, 'pagesMerged', merged);
    if (merged > 0) run.sharingChanged();
  }
  run.trace.spend(run.guests.size);
  const freed = before - run.usedFrames();
  const mode = run.config.overcommit.sharing;
  run.emit(null, {
    actor: 'hypervisor:page-sharing',
    lane: 'hypervisor',
    kind: 'scan',
    op,
    detail: `scope ${mode}: ${compared} pages scanned, ${freed} frames freed, ${run.sharedFrames()} shared frames`,
    note:
      mode === 'off'
        ? msg('페이지 공유가 꺼져 있어 아무것도 합치지 않았습니다.', 'Page sharing is off: nothing is merged.')
        : mode === 'intra-vm'
          ? msg(
              'TPS 솔팅(salting): 같은 VM 안의 페이지끼리만 합칩니다. VM 사이 공유는 캐시 타이밍 부채널(flush+reload)로 다른 VM의 키를 엿볼 수 있어 기본으로 꺼져 있습니다.',
              'TPS salting: only pages inside one VM merge. Sharing between VMs is off by default because a cross-VM cache-timing side channel (flush+reload) can leak another VM’s key.',
            )
          : msg(
              '내용이 같은 페이지를 찾아(해시 후 전체 비교) 쓰기 보호된 한 프레임으로 합쳤습니다. 쓰면 복사됩니다(COW).',
              'Identical pages (hash, then full compare) were merged into one write-protected frame each; a write copies (COW).',
            ),
  });
  return freed;
}

/**
 * Take `n` merged pages out of sharing (written to, or given to the balloon, whose pages come back zeroed): zero
 * pages first, then images. Their old contents are gone, so the scanner will not merge them again.
 */
export function unshare(run: MemoryRun, g: GuestRun, n: number): void {
  if (n > 0) run.sharingChanged();
  let left = n;
  const z = Math.min(left, g.zeroMerged);
  g.zeroMerged -= z;
  g.zeroBroken += z;
  left -= z;
  for (const x of g.images) {
    const k = Math.min(left, x.merged);
    x.merged -= k;
    x.broken += k;
    left -= k;
  }
  g.state.shared -= n - left;
}
