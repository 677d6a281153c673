/** An offering of the course content, taught by one teacher, joined by learners with its code. */
export interface CourseOffering {
  id: string;
  title: string;
  teacherId: string;
  joinCode: string;
  createdAt: string;
}

export type MemberRole = 'learner' | 'teacher';

export interface Enrollment {
  courseId: string;
  userId: string;
  role: MemberRole;
  joinedAt: string;
}

/** The score that counts for one learner on one lab in one course (or outside any course, courseId undefined). */
export interface BestGrade {
  learnerId: string;
  labId: string;
  courseId?: string;
  best: number;
  submissionId: string;
  updatedAt: string;
}
