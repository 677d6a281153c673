import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloneData, readPath } from '../../../core/grading/data-path.ts';

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

describe('readPath without a wildcard', () => {
  it('gives what the same walk gives over a one-element wildcard', () => {
    const data = {
      a: {
        b: [
          { name: 'x', c: 1 },
          { name: 'y', c: null },
        ],
      },
      k: 0,
    };
    // `[*]` over a one-element list walks the frontier; the same element by index or name walks directly.
    const one = { ...data, a: { b: [data.a.b[0]] } };
    expect(readPath(one, 'a.b[*].c')).toEqual(readPath(one, 'a.b[0].c'));
    expect(readPath(data, 'a.b[name=y].c')).toStrictEqual([{ path: 'a.b[name=y].c', found: true, value: null }]);
    expect(readPath(data, 'a.b[name=z].c')).toStrictEqual([{ path: 'a.b[name=z]', found: false }]);
    expect(readPath(data, 'k.x.y')).toStrictEqual([{ path: 'k.x', found: false }]);
    expect(readPath(data, '')).toStrictEqual([{ path: '', found: true, value: data }]);
  });
});
