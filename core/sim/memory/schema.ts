import * as z from 'zod';
import { opUnion } from '../op-union.ts';
import { RecordName as Name } from '../record-name.ts';
import { PAGE_SIZES } from './page-walk.ts';

/** Largest memory of a host or guest, in 4 KiB pages (2^24 pages = 64 GiB): counts only, never one object per page. */
export const MAX_PAGES = 1 << 24;
const Pages = z.number().int().min(1).max(MAX_PAGES);
const PageCount = z.number().int().min(0).max(MAX_PAGES);
const PageSize = z.enum(PAGE_SIZES);

const HostSchema = z.strictObject({
  /** intel: VT-x, EPT, VPID. amd: AMD-V, NPT, ASID. */
  vendor: z.enum(['intel', 'amd']).default('intel'),
  /** Host physical memory, in 4 KiB frames. */
  memoryPages: Pages,
  /** Translations the TLB holds for one tag (illustrative: no source gives one figure for every CPU). */
  tlbEntries: z.number().int().min(1).max(65_536).default(64),
  /** Page size of the host's backing of guest memory: the EPT/NPT leaf, or the host mapping under shadow paging. */
  pageSize: PageSize.default('4KiB'),
});

const MmuSchema = z.strictObject({
  /** ept (Intel) or npt (AMD): hardware walks guest and nested tables; shadow: the hypervisor keeps gVA→hPA tables. */
  mode: z.enum(['ept', 'npt', 'shadow']),
  /** Under shadow paging: how guest kernel code reaches the hypervisor (VM exits, or a translated call). */
  cpuVirtualization: z.enum(['trap-and-emulate', 'binary-translation']).default('trap-and-emulate'),
  /**
   * Tag TLB entries per guest (VPID on Intel, ASID on AMD), so VM exits and switches need not flush. Default: on
   * with hardware assist; binary translation runs without VT-x/AMD-V and so without tags.
   */
  tlbTags: z.boolean().optional(),
});

const BalloonSchema = z.strictObject({
  /** virtio-balloon (device ID 5, virtio 1.2 §5.5) or the Linux Xen balloon (xenstore memory/target). */
  driver: z.enum(['virtio-balloon', 'xen-balloon']),
  /** VIRTIO_BALLOON_F_MUST_TELL_HOST (feature bit 0): the guest announces a deflate before reusing the pages. */
  mustTellHost: z.boolean().default(true),
});

/** Pages whose contents are the same in every guest that has them (one OS image, one library): page k equals page k. */
const ContentSchema = z.strictObject({ image: Name, pages: Pages });

const GuestSchema = z.strictObject({
  name: Name,
  /** Guest physical memory, in 4 KiB pages. Every page starts resident (the guest has touched all of it). */
  memoryPages: Pages,
  /** Pages the guest actively uses; a balloon that leaves it less than this makes the guest page out itself. */
  workingSetPages: PageCount.optional(),
  /** Leaf page size of the guest's own page tables. */
  pageSize: PageSize.default('4KiB'),
  balloon: BalloonSchema.optional(),
  content: z.array(ContentSchema).max(8).default([]),
  /** Pages filled with zeros: identical to each other, in this guest and in every other. */
  zeroPages: PageCount.default(0),
  /** Address spaces (processes) of the guest, each with its own page tables; the first runs at the start. */
  processes: z.array(Name).min(1).max(16).default(['init']),
});
export type GuestConfig = z.output<typeof GuestSchema>;

export const RECLAIM_METHODS = ['share', 'balloon', 'swap'] as const;
export type ReclaimMethod = (typeof RECLAIM_METHODS)[number];

const OvercommitSchema = z.strictObject({
  /** What the host tries, in order, when it needs free frames (ESXi: share, balloon, then swap). */
  reclaim: z.array(z.enum(RECLAIM_METHODS)).max(3).default(['swap']),
  /** Page sharing (KSM, TPS): between VMs, only inside each VM (TPS salting, Mem.ShareForceSalting=2), or off. */
  sharing: z.enum(['inter-vm', 'intra-vm', 'off']).default('inter-vm'),
});

export const MEMORY_OP_KEYS = ['access', 'ptWrite', 'cr3', 'exit', 'switch', 'balloon', 'share'] as const;
export type MemoryOpKind = (typeof MEMORY_OP_KEYS)[number];

export const memoryOpSchema = opUnion(MEMORY_OP_KEYS, [
  /** The guest touches this many pages of its working set (TLB lookups, walks, faults on swapped or shared pages). */
  z.strictObject({ access: Name, pages: Pages, write: z.boolean().default(false) }),
  /** The guest kernel writes page-table entries, then invalidates them with invlpg. */
  z.strictObject({ ptWrite: Name, count: z.number().int().min(1).max(4096).default(1) }),
  /** The guest switches address space (mov cr3) to one of its processes. */
  z.strictObject({ cr3: Name, process: Name }),
  /** A host interrupt makes the guest exit to the hypervisor and re-enter. */
  z.strictObject({ exit: Name }),
  /** The physical CPU switches to this guest's vCPU. */
  z.strictObject({ switch: Name }),
  /** The host sets the guest's balloon target (pages held by the balloon). */
  z.strictObject({ balloon: Name, targetPages: PageCount }),
  /** The page-sharing scanner makes one full pass. */
  z.strictObject({ share: z.literal('scan') }),
]);
export type MemoryOp = z.output<typeof memoryOpSchema>;

export const memoryConfigSchema = z.strictObject({
  target: z.literal('memory'),
  title: z.string().max(200).optional(),
  host: HostSchema,
  mmu: MmuSchema,
  overcommit: OvercommitSchema.default({ reclaim: ['swap'], sharing: 'inter-vm' }),
  guests: z.array(GuestSchema).min(1).max(64),
  ops: z.array(memoryOpSchema).default([]),
});
export type MemoryConfig = z.output<typeof memoryConfigSchema>;
