import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { misconceptionIssues } from '../../../core/content/checks.ts';
import { FRAME_SECTIONS } from '../../../core/content/frame.ts';
import { headingsOf } from '../../../core/content/markdown.ts';
import { parseConfigText } from '../../../core/config-text.ts';
import { CONTENT_DIR, lessons } from './fixtures.ts';

/**
 * The quizzes name misconceptions by id. The catalogue is `content/misconceptions.yaml` (the labs'); the ids only the
 * quizzes use wait in `quiz-misconceptions.yaml` beside this test, in the same format, until they are appended there.
 */
const Bilingual = z.strictObject({ ko: z.string().regex(/[가-힣]/), en: z.string().regex(/^[^가-힣]+$/) });
const Entry = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  title: Bilingual,
  correction: Bilingual,
  lesson: z.string().regex(/^lesson:[a-z0-9-]+#[a-z0-9-]+$/),
});

const read = (file: string): unknown => {
  const parsed = parseConfigText(readFileSync(file, 'utf8'), 'yaml');
  if (!parsed.ok) throw new Error(`${file}: ${parsed.issues.map((i) => i.message.en).join('; ')}`);
  return parsed.value;
};
const pending = z.array(Entry).parse(read(join(import.meta.dirname, 'quiz-misconceptions.yaml')));
const labsFile = join(CONTENT_DIR, 'misconceptions.yaml');
const labsIds = existsSync(labsFile) ? z.array(z.looseObject({ id: z.string() })).parse(read(labsFile)).map((m) => m.id) : [];
/**
 * Ids of the labs' catalogue the quizzes share, while that file is still on the labs branch: the six its issue names,
 * and four more it defines (container-image-brings-kernel …). Once it is merged, `labsIds` holds them all.
 */
const LABS_IDS_IN_FLIGHT = ['containers-use-hypervisor', 'full-virt-no-overhead', 'bare-metal-is-full-virt',
  'dom0-translates-every-request', 'raid-is-storage-virtualization', 'type1-no-failure-domain', 'container-image-brings-kernel',
  'vm-isolation-runs-any-image', 'raid10-survives-any-two', 'disconnect-equals-logoff'];

const used = new Set(lessons.flatMap((l) => l.quiz.flatMap((q) => q.choices.flatMap((c) => c.misconception ?? []))));

describe('quiz misconceptions', () => {
  it('name only ids of the catalogue (the labs\' file, or the pending entries for it)', () => {
    const catalogue = [...labsIds, ...LABS_IDS_IN_FLIGHT, ...pending.map((m) => m.id)];
    expect(misconceptionIssues(lessons, catalogue).map((i) => `${i.path}: ${i.message.en}`)).toEqual([]);
    expect(used.size).toBeGreaterThanOrEqual(40);
  });

  it('pending entries are unique, used by some quiz, and point at a real lesson section', () => {
    const ids = pending.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => !used.has(id))).toEqual([]);
    const sections = new Map(lessons.map((l) => [l.id, new Set([...headingsOf(l.body.en).map((h) => h.id), ...FRAME_SECTIONS])]));
    const broken = pending.filter((m) => {
      const [id, section] = m.lesson.slice('lesson:'.length).split('#');
      return !sections.get(id)?.has(section);
    });
    expect(broken.map((m) => m.lesson)).toEqual([]);
  });
});
