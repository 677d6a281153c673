import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneData } from '../../../core/grading/data-path.ts';

describe('cloneData', () => {
  it('copies parsed data as structuredClone does', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(-0, NaN, Infinity, null), (value, odd) => {
        const input = { value, odd, list: [value, odd] };
        const copy = cloneData(input);
        expect(copy).toStrictEqual(structuredClone(input));
        expect(Object.is(copy.odd, odd)).toBe(true);
        if (value && typeof value === 'object') expect(copy.value).not.toBe(value);
      }),
    );
  });

  it('keeps shared parts shared and cycles as cycles, like structuredClone', () => {
    const shared = { a: 1 };
    const input: Record<string, unknown> = { x: shared, y: [shared] };
    input.self = input;
    const copy = cloneData(input) as { x: object; y: object[]; self: unknown };
    expect(copy.y[0]).toBe(copy.x);
    expect(copy.x).not.toBe(shared);
    expect(copy.self).toBe(copy);
  });

  it('keeps an own __proto__ key a key', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const copy = cloneData(input);
    expect(Object.keys(copy)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
