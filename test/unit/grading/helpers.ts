import { parseLab } from '../../../core/labs/parse.ts';
import type { Lab } from '../../../core/labs/lab-schema.ts';
import { drawParams, fillText } from '../../../core/labs/variant.ts';
import { LAB_YAML } from './fixtures.ts';

/** The grading tests' lab (or a variation of its text), parsed; a text that does not parse fails the test loudly. */
export function testLab(text: string = LAB_YAML): Lab {
  const p = parseLab(text);
  if (!p.ok) throw new Error(JSON.stringify(p.issues, null, 2));
  return p.value;
}

/** A lab text as the learner would submit it: with their own numbers filled in. */
export const asLearner = (lab: Lab, text: string, learnerId: string): string =>
  fillText(text, drawParams(lab, learnerId));
