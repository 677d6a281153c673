import type { StorageConfig } from '../sim/storage/schema.ts';
import { shellQuote, type ExportFile } from './types.ts';

/**
 * Arrays as `mdadm --create` lines (mdadm(8), https://man7.org/linux/man-pages/man8/mdadm.8.html; layouts in md(4)).
 * Failures and replacements in the workload become `--fail`/`--remove`/`--add` (mdadm(8) "MANAGE MODE").
 */

export function mdadmScript(config: StorageConfig): ExportFile {
  const notes: string[] = [];
  const lines: string[] = ['#!/bin/sh', '# mdadm commands exported from virtlab.'];
  const dev = (id: string) => `/dev/${id}`;
  notes.push("Disk ids are used as device names (/dev/<id>): the simulator's disks are not real devices.");
  notes.push(
    `The simulator's block size (${config.blockSize} bytes) has no mdadm equivalent: --chunk is at least 4 KiB, so mdadm's default chunk is kept.`,
  );
  const arrayOfDisk = new Map<string, string>();
  for (const a of config.arrays) {
    for (const d of a.disks) arrayOfDisk.set(d, a.name);
    if (a.level === 2 || a.level === 3) {
      notes.push(
        `Array ${a.name}: Linux md has no RAID ${a.level} (mdadm(8) --level lists linear, 0, 1, 4, 5, 6, 10, multipath, faulty, container).`,
      );
      lines.push(`# array ${a.name}: RAID ${a.level} cannot be created with mdadm`);
      continue;
    }
    // mdadm(8) --create: --level= and --raid-devices= followed by the component devices.
    const args = ['mdadm', '--create', `/dev/md/${a.name}`, `--level=${a.level}`, `--raid-devices=${a.disks.length}`];
    // md(4): RAID 5 and 6 default to the left-symmetric layout, the one the simulator draws.
    if (a.level === 5 || a.level === 6) args.push('--layout=left-symmetric');
    // md(4) RAID10 "near" layout with two copies: with an even number of devices, the copies of each chunk sit on
    // adjacent devices, the simulator's striped mirrored pairs (RAID 1+0).
    if (a.level === 10) args.push('--layout=n2');
    if (a.level === 10 && a.disks.length % 2 === 1) {
      notes.push(
        `Array ${a.name}: md's RAID10 over an odd number of devices is not RAID 1+0 as the simulator draws it.`,
      );
    }
    if (a.level === 4) {
      // md(4): RAID4 keeps its parity on the last device.
      args.push('--layout=parity-last');
    }
    args.push(...a.disks.map(dev));
    lines.push(args.map(shellQuote).join(' '));
  }
  for (const op of config.workload) {
    if (op.op !== 'fail' && op.op !== 'replace') continue;
    const array = arrayOfDisk.get(op.disk);
    if (!array) continue;
    if (op.op === 'fail') lines.push(`mdadm /dev/md/${shellQuote(array)} --fail ${shellQuote(dev(op.disk))}`);
    // The simulator's replace puts a new blank disk in the same slot: remove the failed one, add the new one.
    else
      lines.push(
        `mdadm /dev/md/${shellQuote(array)} --remove ${shellQuote(dev(op.disk))} --add ${shellQuote(dev(op.disk))}`,
      );
  }
  if (config.pool || config.luns.length) {
    notes.push(
      'Pools and LUNs (with their host masks) have no mdadm equivalent: they belong to a volume manager or a storage array.',
    );
  }
  const text = `${lines[0]}\n${notes.map((n) => `# ${n}\n`).join('')}${lines.slice(1).join('\n')}\n`;
  return { tool: 'mdadm', name: 'arrays.sh', text, notes };
}
