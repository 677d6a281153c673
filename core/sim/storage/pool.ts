import type { RaidArray } from './array.ts';

/**
 * A storage pool: the usable capacity of its arrays concatenated, block by block (like an LVM volume group over
 * RAID volumes). LUNs draw blocks from it: thick LUNs all at creation, thin LUNs as they are written.
 */
export class Pool {
  readonly blockSize: number;
  readonly capacityBlocks: number;
  private readonly used: Uint8Array;
  private allocated = 0;

  constructor(
    readonly name: string,
    readonly arrays: readonly RaidArray[],
  ) {
    this.blockSize = arrays[0].blockSize;
    this.capacityBlocks = arrays.reduce((sum, a) => sum + a.usableBlocks, 0);
    this.used = new Uint8Array(this.capacityBlocks);
  }

  get allocatedBlocks(): number {
    return this.allocated;
  }

  get freeBlocks(): number {
    return this.capacityBlocks - this.allocated;
  }

  /** `count` free blocks, lowest first; undefined (and nothing taken) when the pool has fewer. */
  allocate(count: number): number[] | undefined {
    if (count > this.freeBlocks) return undefined;
    const out: number[] = [];
    for (let b = 0; out.length < count; b++) {
      if (!this.used[b]) {
        this.used[b] = 1;
        out.push(b);
      }
    }
    this.allocated += count;
    return out;
  }

  /** The array and its logical block holding pool block `block`. */
  locate(block: number): { array: RaidArray; lba: number } {
    let lba = block;
    for (const array of this.arrays) {
      if (lba < array.usableBlocks) return { array, lba };
      lba -= array.usableBlocks;
    }
    throw new RangeError(`pool block ${block} is outside pool ${this.name}`);
  }
}
