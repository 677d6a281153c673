/**
 * A grade was recorded for a learner's lab: the grader's result, a regrade's or a teacher's override. Listeners
 * (LTI: an AGS score for the LMS gradebook) read what counts now; they never fail the action that raised it.
 */
export interface GradeRecorded {
  submissionId: string;
  learnerId: string;
  labId: string;
  courseId?: string;
  /** The score of this submission (what counts for the lab may be another attempt's or an override). */
  score: number;
  at: Date;
}

export type OnGraded = (event: GradeRecorded) => Promise<unknown>;
