import { describe, expect, it } from 'vitest';
import { draftStore } from '../../../functions/web/drafts.ts';

/** A Storage with the Web Storage API's three calls; `full` makes setItem throw as a full quota does. */
function memoryStorage(full = false) {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (full) throw new DOMException('quota', 'QuotaExceededError');
      items.set(k, v);
    },
    removeItem: (k: string) => void items.delete(k),
  };
}

describe('editor drafts', () => {
  it('keep a learner’s text and format per learner and lab, and drop a draft equal to the starter', () => {
    const storage = memoryStorage();
    const alice = draftStore(storage, 'alice:lab-1');
    alice.save({ text: 'guests: []\n', format: 'yaml' }, 'starter\n');
    expect(alice.load()).toEqual({ text: 'guests: []\n', format: 'yaml' });
    expect(draftStore(storage, 'bob:lab-1').load()).toBeUndefined();
    expect(draftStore(storage, 'alice:lab-2').load()).toBeUndefined();
    alice.save({ text: 'starter\n', format: 'yaml' }, 'starter\n');
    expect(alice.load()).toBeUndefined();
    expect(storage.items.size).toBe(0);
  });

  it('never break the editor: no storage, a full quota, a foreign value or a text over the size limit', () => {
    expect(draftStore(undefined, 'k').load()).toBeUndefined();
    draftStore(undefined, 'k').save({ text: 'x', format: 'json' }, '');
    const full = memoryStorage(true);
    expect(() => draftStore(full, 'k').save({ text: 'x', format: 'json' }, '')).not.toThrow();
    const storage = memoryStorage();
    storage.items.set('virtlab:draft:k', '{not json');
    expect(draftStore(storage, 'k').load()).toBeUndefined();
    storage.items.set('virtlab:draft:k', JSON.stringify({ text: 'a', format: 'toml' }));
    expect(draftStore(storage, 'k').load()).toBeUndefined();
    draftStore(storage, 'k').save({ text: 'x'.repeat(64 * 1024 + 1), format: 'yaml' }, '');
    expect(storage.items.has('virtlab:draft:k')).toBe(false);
  });
});
