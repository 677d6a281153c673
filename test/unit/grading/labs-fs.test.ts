import { describe, it, expect } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LabLoadError, loadLabs } from '../../../functions/adapters/labs-fs.ts';
import { LAB_YAML } from './fixtures.ts';

function contentWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'virtlab-labs-'));
  mkdirSync(join(dir, 'labs'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'labs', name), text);
  return dir;
}

describe('loadLabs', () => {
  it('loads every lab file of content/labs, ignoring other files', async () => {
    const labs = await loadLabs(contentWith({ 'test-fw-lb.yaml': LAB_YAML, 'README.md': '# not a lab' }));
    expect(labs.map((l) => l.id)).toEqual(['test-fw-lb']);
  });

  it('refuses an invalid lab, naming the file, the field, the line and both languages', async () => {
    const dir = contentWith({ 'test-fw-lb.yaml': LAB_YAML.replace('difficulty: 2', 'difficulty: 7') });
    const err = await loadLabs(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabLoadError);
    const message = (err as LabLoadError).message;
    expect(message).toContain(join(dir, 'labs', 'test-fw-lb.yaml'));
    expect(message).toMatch(/difficulty \(line \d+\)/);
    expect((err as LabLoadError).issues[0].message.ko).not.toBe((err as LabLoadError).issues[0].message.en);
  });

  it('refuses a lab whose id does not match its file name', async () => {
    const err = await loadLabs(contentWith({ 'other-name.yaml': LAB_YAML })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabLoadError);
    expect((err as LabLoadError).issues[0].path).toBe('id');
  });
});
