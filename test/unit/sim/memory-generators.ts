import fc from 'fast-check';

/**
 * Random memory configurations that are mostly valid: names that refer to each other, a balloon op only on a guest
 * with a driver, a cr3 only to a declared process; sizes small enough to vary every path (overcommit, sharing,
 * swapping) in few pages.
 */
export const memoryConfig = fc
  .record({
    vendor: fc.constantFrom('intel', 'amd'),
    mode: fc.constantFrom('two-dimensional', 'shadow'),
    cpu: fc.constantFrom('trap-and-emulate', 'binary-translation'),
    tags: fc.boolean(),
    hostPages: fc.integer({ min: 16, max: 600 }),
    tlb: fc.integer({ min: 1, max: 64 }),
    hostPage: fc.constantFrom('4KiB', '2MiB', '1GiB'),
    reclaim: fc.shuffledSubarray(['share', 'balloon', 'swap'] as const),
    sharing: fc.constantFrom('inter-vm', 'intra-vm', 'off'),
    guests: fc.array(
      fc.record({
        pages: fc.integer({ min: 2, max: 300 }),
        ws: fc.double({ min: 0, max: 1, noNaN: true }),
        pageSize: fc.constantFrom('4KiB', '2MiB', '1GiB'),
        balloon: fc.option(
          fc.record({ driver: fc.constantFrom('virtio-balloon', 'xen-balloon'), mustTellHost: fc.boolean() }),
          { nil: undefined },
        ),
        images: fc.array(
          fc.tuple(fc.constantFrom('debian', 'win', 'libc'), fc.double({ min: 0, max: 0.3, noNaN: true })),
          { maxLength: 3 },
        ),
        zeros: fc.double({ min: 0, max: 0.2, noNaN: true }),
        processes: fc.integer({ min: 1, max: 3 }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    ops: fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('access', 'write', 'ptWrite', 'cr3', 'exit', 'switch', 'balloon', 'share'),
        fc.integer({ min: 1, max: 400 }),
      ),
      { maxLength: 14 },
    ),
  })
  .map((r) => {
    const mode = r.mode === 'shadow' ? 'shadow' : r.vendor === 'intel' ? 'ept' : 'npt';
    const bt = mode === 'shadow' && r.cpu === 'binary-translation';
    const reclaim = [...r.reclaim];
    const guests = r.guests.map((g, i) => {
      const seen = new Set<string>();
      const zeroPages = Math.floor(g.zeros * g.pages);
      let room = g.pages - zeroPages;
      const content = g.images
        .filter(([image]) => !seen.has(image) && seen.add(image))
        .map(([image, share]) => ({ image, pages: Math.max(1, Math.floor(share * g.pages)) }))
        .filter((c) => c.pages <= room && (room -= c.pages) >= 0);
      return {
        name: `g${i}`,
        memoryPages: g.pages,
        workingSetPages: Math.floor(g.ws * g.pages),
        pageSize: g.pageSize,
        ...(g.balloon ? { balloon: g.balloon } : {}),
        content,
        zeroPages,
        processes: Array.from({ length: g.processes }, (_, p) => `p${p}`),
      };
    });
    if (guests.reduce((n, g) => n + g.memoryPages, 0) > r.hostPages && !reclaim.includes('swap')) reclaim.push('swap');
    const ops = r.ops.flatMap(([i, kind, n]): Record<string, unknown>[] => {
      const g = guests[i % guests.length];
      switch (kind) {
        case 'access':
        case 'write':
          return [{ access: g.name, pages: n, write: kind === 'write' }];
        case 'ptWrite':
          return [{ ptWrite: g.name, count: n }];
        case 'cr3':
          return [{ cr3: g.name, process: g.processes[n % g.processes.length] }];
        case 'exit':
          return bt ? [] : [{ exit: g.name }];
        case 'switch':
          return [{ switch: g.name }];
        case 'balloon':
          return g.balloon ? [{ balloon: g.name, targetPages: n % g.memoryPages }] : [];
        default:
          return [{ share: 'scan' }];
      }
    });
    return {
      target: 'memory',
      host: { vendor: r.vendor, memoryPages: r.hostPages, tlbEntries: r.tlb, pageSize: r.hostPage },
      mmu: {
        mode,
        cpuVirtualization: mode === 'shadow' ? r.cpu : 'trap-and-emulate',
        ...(bt ? {} : { tlbTags: r.tags }),
      },
      overcommit: { reclaim, sharing: r.sharing },
      guests,
      ops,
    };
  });
