import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { main } from '../../../functions/cli/main.ts';
import { capture, examplesDir as examples } from './cli-fixture.ts';

describe('virtlab sim and schema: memory and scheduler targets', () => {
  it('prints the memory trace table (walk steps, exits by name) and the per-guest state', async () => {
    const io = capture();
    expect(await main(['sim', join(examples, 'memory-shadow-vs-ept.yaml'), '--lang', 'en'], io)).toBe(0);
    expect(io.stdout).toMatch(/^step\s+lane\s+actor/m);
    expect(io.stdout).toContain('gCR3 GPA → EPT PML4→PDPT→PD→PT (4) → read guest PML4E (+5)');
    expect(io.stdout).toContain('48 misses × 24 references = 1152');
    expect(io.stdout).toContain('(target memory)');
    expect(io.stdout).toContain('"referencesPerMiss": 24');
  });

  it('prints the scheduler trace (steal as the guest sees it) and state', async () => {
    const io = capture();
    expect(await main(['sim', join(examples, 'scheduler-noisy-neighbour.yaml'), '--lang', 'en'], io)).toBe(0);
    expect(io.stdout).toContain('hypervisor:credit2');
    expect(io.stdout).toContain('steal column of /proc/stat');
    expect(io.stdout).toContain('"stealPercent"');
  });

  it('prints the JSON Schema of each target', async () => {
    for (const target of ['memory', 'scheduler']) {
      const io = capture();
      expect(await main(['schema', target], io)).toBe(0);
      const schema = JSON.parse(io.stdout);
      expect(schema.properties.target.const).toBe(target);
    }
  });
});
