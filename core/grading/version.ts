/** The grader's own version, stored with each grade: bump it when scoring rules change meaning. */
export const GRADER_VERSION = '1.1.0';
