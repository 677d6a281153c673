import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../functions/cli/main.ts';
import { SIMULATORS } from '../../../core/sim/registry.ts';
import { displayWidth, WIDTH } from '../../../functions/cli/commands/sim.ts';
import { capture, examplesDir } from './cli-fixture.ts';

const examples = readdirSync(examplesDir).filter((f) => /\.(ya?ml|json)$/.test(f));
const scratch = mkdtempSync(join(tmpdir(), 'virtlab-sim-'));

describe('virtlab sim', () => {
  it('has server examples for every technique', () => {
    for (const name of [
      'server-hvm.yaml',
      'server-pv.yaml',
      'server-hosted.yaml',
      'server-containers.yaml',
      'server-x86-trap-and-emulate.yaml',
      'server-consolidation.yaml',
    ]) {
      expect(examples).toContain(name);
    }
  });

  it.each(examples)('simulates %s and prints {ok, errors, events, state} as JSON', async (file) => {
    const io = capture();
    const code = await main(['sim', join(examplesDir, file), '--json'], io);
    const out = JSON.parse(io.stdout);
    expect(out.errors).toEqual([]);
    expect(code).toBe(0);
    expect(out.ok).toBe(true);
    expect(out.events.length).toBeGreaterThan(0);
    expect(out.state).not.toBeNull();
  });

  it('prints a readable trace table, 80 terminal columns wide, and the state', async () => {
    const io = capture();
    expect(await main(['sim', join(examplesDir, 'server-pv.yaml')], io)).toBe(0);
    expect(io.stdout).toMatch(/^step\s+lane\s+actor/m);
    const table = io.stdout.slice(0, io.stdout.indexOf('\nstate:'));
    expect(Math.max(...table.split('\n').map(displayWidth))).toBeLessThanOrEqual(WIDTH);
    // Boot comes before the workload's first step and says so.
    expect(table).toMatch(/^boot\s+dom0/m);
    expect(table).not.toMatch(/^-1/m);
    expect(io.stdout).toContain('[mmu_update #1]');
    expect(io.stdout).toContain('"guests"');
  });

  it('reports an invalid configuration in Korean and English with line numbers, and exits non-zero', async () => {
    const file = join(scratch, 'bad.yaml');
    writeFileSync(
      file,
      [
        'host:',
        '  os: { family: linux }',
        'hypervisor: { product: virtualbox }',
        'guests:',
        '  - { name: a, os: linux }',
        'workload:',
        '  - { guest: b, ops: [compute] }',
        '',
      ].join('\n'),
    );
    const io = capture();
    expect(await main(['sim', file], io)).toBe(1);
    expect(io.stderr).toContain("line 7: workload[0].guest: 'b'라는 게스트가 없습니다. / There is no guest named 'b'.");
    const json = capture();
    expect(await main(['sim', file, '--json'], json)).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, errors: [{ path: 'workload[0].guest', line: 7 }] });
  });

  it('writes the trace notes and fixes in Korean by default, or in the --lang asked for', async () => {
    const file = join(examplesDir, 'server-host-oom.yaml');
    const ko = capture();
    const en = capture();
    expect(await main(['sim', file], ko)).toBe(0);
    expect(await main(['sim', file, '--lang', 'en'], en)).toBe(0);
    // The host-wide kill: its line is found by what both languages share (the event kind and the host's memory).
    // An event is a block: its columns, then its detail wrapped under them.
    const kill = (out: string) =>
      (out.split(/\n(?=\S)/).find((b) => b.includes('oom-kill') && b.includes('16384 MiB')) ?? '').replace(/\s+/g, ' ');
    expect(kill(ko.stdout)).toContain("호스트 커널의 OOM 킬러가 가장 많이 쓰던 'cache' 컨테이너");
    expect(kill(ko.stdout)).toMatch(/\(고치려면: .*memory\.max/);
    expect(kill(ko.stdout)).not.toContain('ran out');
    expect(kill(ko.stdout)).not.toContain('the host OOM killer kills');
    expect(kill(en.stdout)).toContain('the host OOM killer kills cache');
    expect(kill(en.stdout)).toContain("the host kernel's OOM killer killed 'cache'");
    expect(kill(en.stdout)).toMatch(/\(fix: Set cgroups\.memoryMiB \(memory\.max\)/);
    expect(kill(en.stdout)).not.toMatch(/[가-힣]/);
    for (const args of [['--lang', 'fr'], ['--lang']]) {
      const refused = capture();
      expect(await main(['sim', file, ...args], refused)).toBe(2);
      expect(refused.stderr).toMatch(/^virtlab sim: --lang must be ko or en\.\nusage: virtlab sim/);
    }
  });

  it('prints errors in both languages unless --lang picks one', async () => {
    const file = join(scratch, 'bad-lang.yaml');
    writeFileSync(file, ['containers:', '  - { name: a, image: { os: linux } }', ''].join('\n'));
    const both = capture();
    const ko = capture();
    const en = capture();
    expect(await main(['sim', file], both)).toBe(1);
    expect(await main(['sim', file, '--lang', 'ko'], ko)).toBe(1);
    expect(await main(['sim', file, '--lang', 'en'], en)).toBe(1);
    expect(both.stderr).toContain(
      'host.os: 컨테이너는 호스트 커널을 공유합니다. host.os로 그 커널을 정하세요. / Containers share the host kernel: name it with host.os.',
    );
    expect(ko.stderr).toContain('host.os: 컨테이너는 호스트 커널을 공유합니다. host.os로 그 커널을 정하세요.');
    expect(ko.stderr).not.toContain('Containers share');
    expect(en.stderr).toContain('host.os: Containers share the host kernel: name it with host.os.');
    expect(en.stderr).not.toMatch(/[가-힣]/);
  });

  it('accepts --seed and refuses bad usage', async () => {
    const file = join(examplesDir, 'server-hvm.yaml');
    const a = capture();
    const b = capture();
    expect(await main(['sim', file, '--json', '--seed', '7'], a)).toBe(0);
    expect(await main(['sim', file, '--json', '--seed', '7'], b)).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(await main(['sim', file, '--seed', 'x'], capture())).toBe(2);
    expect(await main(['sim'], capture())).toBe(2);
    expect(await main(['sim', join(scratch, 'missing.yaml')], capture())).toBe(2);
  });
});

describe('virtlab schema', () => {
  it('prints the JSON Schema of every registered target', async () => {
    const io = capture();
    expect(await main(['schema'], io)).toBe(0);
    const all = JSON.parse(io.stdout);
    expect(Object.keys(all).sort()).toEqual(Object.keys(SIMULATORS).sort());
    expect(all.server.properties.hypervisor.properties.cpuVirtualization.enum).toEqual([
      'hardware-assist',
      'binary-translation',
      'trap-and-emulate',
    ]);
    expect(all.server.additionalProperties).toBe(false);
  });

  it('prints one target, and refuses an unknown one', async () => {
    const io = capture();
    expect(await main(['schema', 'server'], io)).toBe(0);
    expect(JSON.parse(io.stdout).properties.guests.type).toBe('array');
    expect(await main(['schema', 'nope'], capture())).toBe(2);
  });
});
