import { describe, expect, it } from 'vitest';
import { STORAGE_HANDLERS, startStorage, type StorageRun } from '../../../core/sim/storage/run.ts';
import { storageConfigSchema } from '../../../core/sim/storage/schema.ts';
import { Trace } from '../../../core/sim/trace.ts';

/** Each op handler of the storage run, alone, on a run state built for it. */
function start(level: 0 | 5 = 5): StorageRun {
  const config = storageConfigSchema.parse({
    target: 'storage',
    disks: { count: 3, sizeBlocks: 4 },
    arrays: [{ name: 'a', level, disks: ['d0', 'd1', 'd2'] }],
    pool: { name: 'p', arrays: ['a'] },
    hosts: [
      { name: 'db', kind: 'server' },
      { name: 'web', kind: 'vm' },
    ],
    luns: [{ name: 'vol', sizeBlocks: 2, hosts: ['db'] }],
  });
  return startStorage(config, new Trace());
}

describe('storage op handlers', () => {
  it('write then read: the bytes come back', () => {
    const run = start();
    expect(STORAGE_HANDLERS.write(run, { op: 'write', array: 'a', lba: 1, data: 'HI' })).toBe('ok');
    expect(STORAGE_HANDLERS.read(run, { op: 'read', array: 'a', lba: 1, length: 2, name: 'r' }, 1)).toBe('ok');
    expect(run.reads.r).toMatchObject({ text: 'HI', lostBytes: 0, step: 1 });
  });

  it('read: unnamed reads are keyed by their step', () => {
    const run = start();
    STORAGE_HANDLERS.read(run, { op: 'read', array: 'a', lba: 0, length: 1 }, 7);
    expect(Object.keys(run.reads)).toEqual(['step7']);
  });

  it('fail: RAID-5 survives one failure, RAID-0 loses its data', () => {
    expect(STORAGE_HANDLERS.fail(start(5), { op: 'fail', disk: 'd1' })).toBe('ok');
    expect(STORAGE_HANDLERS.fail(start(0), { op: 'fail', disk: 'd1' })).toBe('lost');
  });

  it('replace: rebuilds the failed disk', () => {
    const run = start();
    STORAGE_HANDLERS.fail(run, { op: 'fail', disk: 'd1' });
    expect(STORAGE_HANDLERS.replace(run, { op: 'replace', disk: 'd1' })).toBe('ok');
    expect(run.arrays.get('a')!.disks[1].status).toBe('rebuilt');
  });

  it('lun.create: carves a LUN from the pool, and fails when the pool is short', () => {
    const run = start();
    expect(
      STORAGE_HANDLERS['lun.create'](run, {
        op: 'lun.create',
        lun: 'x',
        sizeBlocks: 2,
        provisioning: 'thick',
        hosts: [],
      }),
    ).toBe('ok');
    expect(
      STORAGE_HANDLERS['lun.create'](run, {
        op: 'lun.create',
        lun: 'y',
        sizeBlocks: 100,
        provisioning: 'thick',
        hosts: [],
      }),
    ).toBe('failed');
    expect([...run.luns.keys()]).toEqual(['vol', 'x']);
  });

  it('lun.write: a masked-out host is denied; a VM issues from the guest lane', () => {
    const run = start();
    expect(STORAGE_HANDLERS['lun.write'](run, { op: 'lun.write', lun: 'vol', host: 'web', lba: 0, data: 'x' })).toBe(
      'denied',
    );
    expect(run.trace.events.find((e) => e.kind === 'issue')).toMatchObject({ actor: 'vm:web', lane: 'guest' });
    expect(STORAGE_HANDLERS['lun.write'](run, { op: 'lun.write', lun: 'vol', host: 'db', lba: 0, data: 'x' })).toBe(
      'ok',
    );
  });

  it('lun.read: the masked-in host reads what it wrote; another is denied', () => {
    const run = start();
    STORAGE_HANDLERS['lun.write'](run, { op: 'lun.write', lun: 'vol', host: 'db', lba: 0, data: 'ok' });
    expect(
      STORAGE_HANDLERS['lun.read'](run, { op: 'lun.read', lun: 'vol', host: 'db', lba: 0, length: 2, name: 'mine' }, 1),
    ).toBe('ok');
    expect(
      STORAGE_HANDLERS['lun.read'](
        run,
        { op: 'lun.read', lun: 'vol', host: 'web', lba: 0, length: 2, name: 'theirs' },
        2,
      ),
    ).toBe('denied');
    expect(run.reads.mine.text).toBe('ok');
    expect(run.reads.theirs.denied).toBe(true);
  });
});
