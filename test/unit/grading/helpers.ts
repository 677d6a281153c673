import { parseLab } from '../../../core/labs/parse.ts';
import type { Lab } from '../../../core/labs/lab-schema.ts';
import { drawParams, fillText } from '../../../core/labs/variant.ts';
import { LAB_YAML } from './fixtures.ts';

export function testLab(): Lab {
  const p = parseLab(LAB_YAML);
  if (!p.ok) throw new Error(JSON.stringify(p.issues, null, 2));
  return p.value;
}

/** A lab text as the learner would submit it: with their own numbers filled in. */
export const asLearner = (lab: Lab, text: string, learnerId: string): string => fillText(text, drawParams(lab, learnerId));
