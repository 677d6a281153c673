import fc from 'fast-check';

/** Random scheduler configurations that are mostly valid (pins inside the host, ops in time order, knobs per scheduler). */
export const schedulerConfig = fc
  .record({
    policy: fc.constantFrom('credit2', 'cfs'),
    nodes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    remote: fc.integer({ min: 11, max: 40 }),
    slit: fc.boolean(),
    placement: fc.constantFrom('numa-aware', 'any'),
    ticks: fc.integer({ min: 1, max: 120 }),
    vms: fc.array(
      fc.record({
        vcpus: fc.integer({ min: 1, max: 4 }),
        weight: fc.integer({ min: 1, max: 1000 }),
        cap: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
        demand: fc.integer({ min: 0, max: 100 }),
        node: fc.nat(),
        pin: fc.option(fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), { nil: undefined }),
        running: fc.boolean(),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    ops: fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat(),
        fc.constantFrom('set', 'pin', 'unpin', 'start', 'stop'),
        fc.integer({ min: 0, max: 100 }),
      ),
      { maxLength: 8 },
    ),
  })
  .map((r) => {
    const pcpus = r.nodes.reduce((a, b) => a + b, 0);
    const names = r.nodes.map((_, i) => `n${i}`);
    const knob = (cap: number | undefined) =>
      cap === undefined
        ? {}
        : r.policy === 'credit2'
          ? { cap }
          : { cpuMax: `${Math.max(1, Math.round(cap / 10)) * 1000} 10000` };
    const pinOf = (xs: number[]) => [...new Set(xs.map((x) => x % pcpus))];
    const vms = r.vms.map((v, i) => ({
      name: `v${i}`,
      vcpus: v.vcpus,
      weight: r.policy === 'cfs' ? Math.min(v.weight, 10_000) : v.weight,
      ...knob(v.cap),
      demand: v.demand,
      memoryNode: names[v.node % names.length],
      ...(v.pin ? { pin: pinOf(v.pin) } : {}),
      running: v.running,
    }));
    const ops = r.ops
      .map(([at, i, kind, x]) => ({ at: at % r.ticks, vm: vms[i % vms.length].name, kind, x }))
      .sort((a, b) => a.at - b.at)
      .map(({ at, vm, kind, x }) => {
        if (kind === 'set') return { at, set: vm, demand: x, weight: 1 + x, ...knob(x * 2) };
        if (kind === 'pin') return { at, pin: vm, cpus: pinOf([x, x + 1]) };
        return { at, [kind]: vm };
      });
    return {
      target: 'scheduler',
      scheduler: r.policy,
      host: {
        nodes: r.nodes.map((cpus, i) => ({ name: names[i], cpus })),
        ...(r.slit ? { distances: names.map((_, i) => names.map((_, j) => (i === j ? 10 : r.remote))) } : {}),
      },
      placement: r.placement,
      ticks: r.ticks,
      vms,
      ops,
    };
  });
