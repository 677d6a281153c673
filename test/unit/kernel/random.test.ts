import { describe, it, expect } from 'vitest';
import { createRng, hashSeed } from '../../../core/random.ts';

describe('deterministic randomness', () => {
  it('hashes strings with FNV-1a (32-bit)', () => {
    expect(hashSeed('')).toBe(0x811c9dc5);
    expect(hashSeed('a')).toBe(0xe40c292c); // published FNV-1a test vector
    expect(hashSeed('foobar')).toBe(0xbf9cf968);
    expect(hashSeed('learner-1:lab')).not.toBe(hashSeed('learner-2:lab'));
  });

  it('gives the same sequence for the same seed, and a different one for another seed', () => {
    const draw = (seed: number | string) => {
      const r = createRng(seed);
      return Array.from({ length: 20 }, () => r.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw('abc')).toEqual(draw(hashSeed('abc')));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays in range', () => {
    const r = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const f = r.next();
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1);
      const n = r.int(-2, 3);
      expect(Number.isInteger(n) && n >= -2 && n <= 3).toBe(true);
      seen.add(n);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    const items = ['x', 'y', 'z'];
    for (let i = 0; i < 50; i++) expect(items).toContain(r.pick(items));
  });

  it('treats seeds as unsigned 32-bit', () => {
    const a = createRng(-1);
    const b = createRng(0xffffffff);
    expect(a.next()).toBe(b.next());
  });
});
