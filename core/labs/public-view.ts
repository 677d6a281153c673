/**
 * What a learner may see of a lab: their own numbers, never the reference solution, the fixtures or the hints
 * (hints come with a failed grade).
 */
import type { Msg } from '../i18n.ts';
import type { TargetName } from '../sim/target.ts';
import type { CheckKind, Lab, LabKind, Technique } from './lab-schema.ts';
import { variantFor, type Params } from './variant.ts';

export interface PublicCheck {
  id: string;
  kind: CheckKind;
  title: Msg;
  points: number;
}

export interface PublicLab {
  id: string;
  kind: LabKind;
  /** Predict labs: the configuration to predict. */
  given?: string;
  /** Debug labs: the symptom of the broken starter. */
  symptom?: Msg;
  version: number;
  title: Msg;
  statement: Msg;
  starter: string;
  /** The workload the lab runs against the learner's design (it replaces any workload they write). */
  workload: Record<string, unknown>;
  /** Lists the lab wraps around the learner's own (before / after their items). */
  surround: Lab['surround'];
  params: Params;
  target: TargetName;
  tags: { targets: TargetName[]; techniques: Technique[]; topics: string[] };
  difficulty: number;
  lessons: string[];
  checks: PublicCheck[];
  maxScore: number;
}

/** The lab as `learnerId` sees it. */
export function publicView(lab: Lab, learnerId: string): PublicLab {
  const v = variantFor(lab, learnerId);
  return {
    id: lab.id,
    kind: lab.kind,
    ...(v.given !== undefined ? { given: v.given } : {}),
    ...(lab.symptom ? { symptom: lab.symptom } : {}),
    version: lab.version,
    title: lab.title,
    statement: v.statement,
    starter: v.starter,
    workload: v.workload,
    surround: v.surround,
    params: v.params,
    target: lab.target,
    tags: lab.tags,
    difficulty: lab.difficulty,
    lessons: lab.lessons,
    checks: v.checks.map((c) => ({ id: c.id, kind: c.kind, title: c.title, points: c.points })),
    maxScore: maxScore(lab),
  };
}

/** A lab's listing entry (no variant needed): for catalogues and the CLI. */
export function labSummary(lab: Lab) {
  return {
    id: lab.id,
    kind: lab.kind,
    cells: cellsOf(lab),
    title: lab.title,
    target: lab.target,
    tags: lab.tags,
    difficulty: lab.difficulty,
    lessons: lab.lessons,
    maxScore: maxScore(lab),
  };
}

export const maxScore = (lab: Pick<Lab, 'checks'>): number => lab.checks.reduce((s, c) => s + c.points, 0);

/** The target × technique cells of the course a lab practises ("server×paravirtualization"). */
export const cellsOf = (lab: Pick<Lab, 'tags'>): string[] =>
  lab.tags.targets.flatMap((t) => lab.tags.techniques.map((q) => `${t}×${q}`));
