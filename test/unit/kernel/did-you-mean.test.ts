import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { closestKey, editDistance, keysAt } from '../../../core/did-you-mean.ts';
import { validate } from '../../../core/validation.ts';

const schema = z.strictObject({
  host: z.strictObject({ cores: z.number(), memoryGiB: z.number() }),
  guests: z.array(z.strictObject({ name: z.string(), vcpus: z.number().default(1) })).optional(),
  disk: z.union([z.strictObject({ sizeBlocks: z.number() }), z.strictObject({ sizeBytes: z.number() })]),
});

describe('did you mean', () => {
  it('finds the accepted keys through optional, default, arrays and unions', () => {
    expect([...keysAt(schema, [])].sort()).toEqual(['disk', 'guests', 'host']);
    expect([...keysAt(schema, ['guests', 3])].sort()).toEqual(['name', 'vcpus']);
    expect([...keysAt(schema, ['disk'])].sort()).toEqual(['sizeBlocks', 'sizeBytes']);
    expect(keysAt(schema, ['nowhere']).size).toBe(0);
  });

  it('counts a swap of two neighbouring letters as one edit', () => {
    expect(editDistance('vpcus', 'vcpus')).toBe(1);
    expect(editDistance('cores', 'cores')).toBe(0);
    expect(editDistance('abc', 'xyz')).toBe(3);
  });

  it('suggests only a key close enough to be what was meant, ignoring case', () => {
    expect(closestKey('memorygib', ['cores', 'memoryGiB'])).toBe('memoryGiB');
    expect(closestKey('coers', ['cores', 'memoryGiB'])).toBe('cores');
    expect(closestKey('colour', ['cores', 'memoryGiB'])).toBeUndefined();
  });

  it('puts the suggestion in both languages of the validation message', () => {
    const r = validate(schema, {
      host: { cores: 4, memoryGiB: 8 },
      guests: [{ name: 'a', vpcus: 2 }],
      disk: { sizeBlocks: 1 },
    });
    if (r.ok) throw new Error('expected an issue');
    expect(r.issues).toEqual([
      {
        path: 'guests[0].vpcus',
        message: { ko: expect.stringContaining("'vcpus'"), en: "Unknown key 'vpcus': did you mean 'vcpus'?" },
      },
    ]);
  });
});

describe('union fields', () => {
  const disks = z.strictObject({
    disks: z.union([
      z.array(z.strictObject({ id: z.string() })),
      z.strictObject({ count: z.number(), sizeBlocks: z.number() }),
    ]),
  });

  it('say a missing field is required instead of "invalid input"', () => {
    const r = validate(disks, {});
    if (r.ok) throw new Error('expected an issue');
    expect(r.issues).toEqual([
      { path: 'disks', message: { ko: expect.stringMatching(/빠졌습니다/), en: 'This field is required.' } },
    ]);
  });

  it('show the complaint of the option the input came closest to, where it points', () => {
    const r = validate(disks, { disks: { count: 4, sizeBlocks: 'eight' } });
    if (r.ok) throw new Error('expected an issue');
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].path).toBe('disks.sizeBlocks');
    expect(r.issues[0].message.en).toMatch(/expected number/);
    expect(r.issues[0].message.ko).toMatch(/[가-힣]/);
  });
});
