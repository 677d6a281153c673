import type { CourseReveal } from './course-settings.ts';

/** An offering of the course content, taught by one teacher, joined by learners with its code. */
export interface CourseOffering {
  id: string;
  title: string;
  teacherId: string;
  joinCode: string;
  createdAt: string;
  /** The reveal default of its labs, once staff set one (core/course/course-settings.ts). */
  reveal?: CourseReveal;
}

/** `teacher` is the course's owner; `co-teacher` and `ta` are staff the owner added (core/course/roles.ts). */
export type MemberRole = 'learner' | 'teacher' | 'co-teacher' | 'ta';

export interface Enrollment {
  courseId: string;
  userId: string;
  role: MemberRole;
  joinedAt: string;
  /** Who added this member, for staff and imported learners (`lti`: an LMS launch or roster sync). */
  addedBy?: string;
  /** From a roster import: the learner's student id and section, when the file gave them. */
  studentId?: string;
  section?: string;
}

/** The score that counts for one learner on one lab in one course (or outside any course, courseId undefined). */
export interface BestGrade {
  learnerId: string;
  labId: string;
  courseId?: string;
  best: number;
  submissionId: string;
  updatedAt: string;
  /** Set by a teacher's override (its time): the counting score is then the override's, and grading no longer raises it. */
  overriddenAt?: string;
}
