/**
 * LTI roles (Core §5.3.7 and Appendix A.2) → virtlab's roles. Context roles decide; institution and system
 * roles count only when they are teaching roles (an institution's Instructor launching into a course teaches it).
 */
export type LtiVirtlabRole = 'learner' | 'teacher';

const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
/** Core A.2.3: context roles that may manage the course's grades in virtlab. */
const TEACHING = new Set([
  `${MEMBERSHIP}Instructor`,
  `${MEMBERSHIP}Administrator`,
  `${MEMBERSHIP}ContentDeveloper`,
  `${MEMBERSHIP}Manager`,
  'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Instructor', // Core A.2.2
  'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
  'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator', // Core A.2.1
  // Core A.2.3.1: simple names are deprecated but still sent by some platforms for context roles.
  'Instructor',
  'Administrator',
  'ContentDeveloper',
]);

/**
 * Teacher when any teaching role is present; learner otherwise. A teaching assistant's sub-role
 * (`membership/Instructor#TeachingAssistant`, Core A.2.3.1) without the principal Instructor role stays a learner:
 * virtlab has no assistant role yet, and grading rights are not handed out on a sub-role.
 */
export function mapLtiRoles(roles: readonly string[]): LtiVirtlabRole {
  return roles.some((r) => TEACHING.has(r)) ? 'teacher' : 'learner';
}
