import type { Msg } from '../../i18n.ts';
import type { Lane, Trace, TraceEventInput } from '../trace.ts';
import { describeExit, exitReason, type ExitCause } from './exits.ts';
import { LEVELS, shadowLevels, twoDimensionalReferences } from './page-walk.ts';
import type { GuestConfig, MemoryConfig } from './schema.ts';
import { emptyCounters, type GuestMemoryState, type MemoryCounters } from './state.ts';

/** One guest while the run goes on: its reported state plus what the modules keep beside it. */
export interface GuestRun {
  config: GuestConfig;
  state: GuestMemoryState;
  /** Shadow paging: per process, how many working-set pages already have shadow entries (absent: no root yet). */
  shadowed: Map<string, number>;
  /** Page sharing: each content image's pages, how many are merged, and how many were written since (changed). */
  images: ImageRun[];
  zeroMerged: number;
  zeroBroken: number;
  /** Processes whose walk path the trace has already shown step by step. */
  walkShown: Set<string>;
}

export interface ImageRun {
  image: string;
  /** Position of the image among all images of the run (for per-scan arrays). */
  index: number;
  pages: number;
  merged: number;
  broken: number;
}

export type CounterKey = Exclude<keyof MemoryCounters, 'exitReasons'>;

/** The run: configuration, guests, trace, and the helpers every op handler shares. */
export class MemoryRun {
  readonly guests: Map<string, GuestRun>;
  /** Every content image of the run, by name: its index. */
  readonly images = new Map<string, number>();
  readonly totals = emptyCounters();
  readonly shadow: boolean;
  readonly bt: boolean;
  /** TLB entries carry a VPID/ASID: on unless turned off, and never under binary translation (no VT-x/AMD-V). */
  readonly tagged: boolean;

  constructor(
    readonly config: MemoryConfig,
    readonly trace: Trace,
  ) {
    this.shadow = config.mmu.mode === 'shadow';
    this.bt = this.shadow && config.mmu.cpuVirtualization === 'binary-translation';
    this.tagged = (config.mmu.tlbTags ?? true) && !this.bt;
    const tagged = this.tagged;
    this.guests = new Map(
      config.guests.map((g, i) => [
        g.name,
        {
          config: g,
          state: {
            memoryPages: g.memoryPages,
            resident: g.memoryPages,
            shared: 0,
            ballooned: 0,
            swapped: 0,
            guestSwapped: 0,
            workingSetPages: g.workingSetPages ?? g.memoryPages,
            balloonTarget: 0,
            process: g.processes[0],
            tlbCached: 0,
            // VPID 0 and ASID 0 belong to the host (Intel SDM §24.1 / AMD APM VMCB asid), so guests start at 1.
            tlbTag: tagged ? i + 1 : null,
            referencesPerMiss: this.referencesPerMiss(g),
            counters: emptyCounters(),
          },
          shadowed: new Map([[g.processes[0], 0]]),
          images: g.content.map((c) => ({
            image: c.image,
            index: this.imageIndex(c.image),
            pages: c.pages,
            merged: 0,
            broken: 0,
          })),
          zeroMerged: 0,
          zeroBroken: 0,
          walkShown: new Set(),
        },
      ]),
    );
  }

  private imageIndex(image: string): number {
    if (!this.images.has(image)) this.images.set(image, this.images.size);
    return this.images.get(image)!;
  }

  /** Memory references of one TLB miss of this guest under the configured MMU mode. */
  referencesPerMiss(g: GuestConfig): number {
    const host = this.config.host.pageSize;
    return this.shadow ? shadowLevels(g.pageSize, host) : twoDimensionalReferences(LEVELS[g.pageSize], LEVELS[host]);
  }

  guest(name: string): GuestRun {
    return this.guests.get(name)!;
  }

  get vendor() {
    return this.config.host.vendor;
  }

  /** The hypervisor as an actor: a binary translator's VMM has its own lane, as in the server target. */
  get hypervisor(): { actor: string; lane: Lane } {
    return this.bt ? { actor: 'vmm:binary-translator', lane: 'vmm' } : { actor: 'hypervisor', lane: 'hypervisor' };
  }

  count(g: GuestRun, key: CounterKey, n = 1): void {
    if (n === 0) return;
    g.state.counters[key] += n;
    this.totals[key] += n;
  }

  /** An event about a guest; outside the guest's own lane a plain detail names the guest, as the table shows no subject. */
  emit(g: GuestRun | null, e: Omit<TraceEventInput, 'subject'>): void {
    const name = g?.config.name;
    const detail =
      name && typeof e.detail === 'string' && !e.actor.startsWith('guest:') ? `${name}: ${e.detail}` : e.detail;
    this.trace.emit({ ...e, ...(detail === undefined ? {} : { detail }), ...(name ? { subject: name } : {}) });
  }

  guestEvent(g: GuestRun, op: string, kind: string, detail: string | Msg, note?: Msg): void {
    this.emit(g, { actor: `guest:${g.config.name}`, lane: 'guest', kind, op, detail, ...(note ? { note } : {}) });
  }

  /**
   * `times` exits of one cause, shown as one trace event. Binary translation has no VM exits: the translated code
   * calls into the VMM, or the VMM takes the fault itself, so nothing is counted as an exit and nothing flushes.
   * Without TLB tags every VM exit and entry flushes the guest's translations (Intel SDM §24.3.3 with VPIDs off;
   * on AMD the hypervisor sets TLB_CONTROL FLUSH_ALL_ASID in the VMCB).
   */
  exits(g: GuestRun, op: string, cause: ExitCause, times: number, note: Msg): void {
    if (times === 0) return;
    if (this.bt) {
      this.emit(g, { ...this.hypervisor, kind: 'vmm-call', op, detail: `${times}× ${cause}`, note });
      return;
    }
    const reason = exitReason(this.vendor, cause, this.shadow);
    this.count(g, 'vmExits', times);
    g.state.counters.exitReasons[reason.name] = (g.state.counters.exitReasons[reason.name] ?? 0) + times;
    this.totals.exitReasons[reason.name] = (this.totals.exitReasons[reason.name] ?? 0) + times;
    this.emit(g, {
      actor: 'hardware:cpu',
      lane: 'hardware',
      kind: 'vmexit',
      op,
      detail: `${times}× ${describeExit(reason, this.vendor)}`,
      note,
    });
    if (g.state.tlbTag === null) this.flush(g);
  }

  flush(g: GuestRun): void {
    if (g.state.tlbCached > 0) this.count(g, 'tlbFlushes');
    g.state.tlbCached = 0;
  }

  /** Frames the host uses: private resident pages plus one frame per shared page content. */
  usedFrames(): number {
    let used = 0;
    for (const g of this.guests.values()) used += g.state.resident;
    return used + this.sharedFrames();
  }

  /** Call after any change to what is merged. */
  sharingChanged(): void {
    this.frames = null;
  }

  private frames: number | null = 0;

  sharedFrames(): number {
    this.frames ??= this.countSharedFrames();
    return this.frames;
  }

  private countSharedFrames(): number {
    const images = new Array<number>(this.images.size).fill(0);
    let zeroFrames = 0;
    for (const g of this.guests.values()) {
      for (const x of g.images) images[x.index] = Math.max(images[x.index], x.merged);
      if (g.zeroMerged > 0) zeroFrames = this.config.overcommit.sharing === 'inter-vm' ? 1 : zeroFrames + 1;
    }
    let frames = zeroFrames;
    for (const n of images) frames += n;
    return frames;
  }

  freeFrames(): number {
    return this.config.host.memoryPages - this.usedFrames();
  }
}
