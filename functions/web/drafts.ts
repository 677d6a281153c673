/**
 * Drafts: what a learner typed in a lab's editor survives a reload, per learner and lab, in the browser's own
 * storage (nothing is sent). A draft equal to the starter is no draft. Storage may be full, disabled or shared;
 * every failure leaves the editor working as before, without a draft.
 */

export interface Draft {
  text: string;
  format: 'yaml' | 'json';
}

/** The largest text a submission may be (TEXT_LIMITS.maxBytes); a larger draft is not kept. */
const MAX_DRAFT_CHARS = 64 * 1024;
const PREFIX = 'virtlab:draft:';

export interface DraftStore {
  load(): Draft | undefined;
  save(draft: Draft, starter: string): void;
  clear(): void;
}

export function draftStore(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined,
  key: string,
): DraftStore {
  const name = PREFIX + key;
  const attempt = <T>(f: () => T): T | undefined => {
    try {
      return storage ? f() : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    load() {
      const raw = attempt(() => storage!.getItem(name));
      if (!raw) return undefined;
      const d = attempt(() => JSON.parse(raw) as Partial<Draft>);
      return d && typeof d.text === 'string' && (d.format === 'yaml' || d.format === 'json')
        ? { text: d.text, format: d.format }
        : undefined;
    },
    save(draft, starter) {
      if (draft.text === starter || draft.text.length > MAX_DRAFT_CHARS) this.clear();
      else attempt(() => storage!.setItem(name, JSON.stringify(draft)));
    },
    clear() {
      attempt(() => storage!.removeItem(name));
    },
  };
}
