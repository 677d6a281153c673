import { describe, expect, it } from 'vitest';
import { CLAIM, MESSAGE_TYPE } from '../../../core/lti/claims.ts';
import { checkLaunchClaims, type LaunchExpectations } from '../../../core/lti/launch.ts';
import { mapLtiRoles } from '../../../core/lti/roles.ts';
import { nextAttempt, scoreFor } from '../../../core/lti/ags.ts';

const now = new Date('2026-03-02T10:00:00Z');
const t = Math.floor(now.getTime() / 1000);
const expect0: LaunchExpectations = {
  platform: { issuer: 'https://lms.example', clientId: 'client-1', deploymentIds: ['dep-1'] },
  nonce: 'n-1',
  now,
};

function claims(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: 'https://lms.example',
    aud: 'client-1',
    sub: 'user-7',
    exp: t + 300,
    iat: t - 5,
    nonce: 'n-1',
    [CLAIM.messageType]: MESSAGE_TYPE.resourceLink,
    [CLAIM.version]: '1.3.0',
    [CLAIM.deploymentId]: 'dep-1',
    [CLAIM.roles]: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'],
    [CLAIM.resourceLink]: { id: 'rl-1' },
    [CLAIM.context]: { id: 'ctx-1', title: 'Virtualization' },
    ...over,
  };
}

describe('checkLaunchClaims', () => {
  it('accepts a well-formed resource link launch', () => {
    const r = checkLaunchClaims(claims(), expect0);
    expect(r.ok && r.kind).toBe('resourceLink');
  });

  it.each([
    ['wrong_issuer', { iss: 'https://evil.example' }],
    ['wrong_audience', { aud: 'other-client' }],
    ['wrong_azp', { aud: ['client-1', 'x'] }],
    ['wrong_azp', { aud: ['client-1', 'x'], azp: 'x' }],
    ['wrong_message_type', { [CLAIM.messageType]: 'LtiSubmissionReviewRequest' }],
    ['wrong_version', { [CLAIM.version]: '1.1' }],
    ['unknown_deployment', { [CLAIM.deploymentId]: 'dep-9' }],
    ['expired', { exp: t - 61 }],
    ['issued_in_future', { iat: t + 120 }],
    ['too_old', { iat: t - 3600 }],
    ['nonce_mismatch', { nonce: 'n-2' }],
    ['invalid_claims', { [CLAIM.resourceLink]: undefined }],
    ['invalid_claims', { sub: undefined }],
  ])('refuses %s', (code, over) => {
    const r = checkLaunchClaims(claims(over), expect0);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message.ko.length).toBeGreaterThan(0);
      expect(r.message.en.length).toBeGreaterThan(0);
    }
  });

  it('accepts several audiences when azp names this tool', () => {
    expect(checkLaunchClaims(claims({ aud: ['x', 'client-1'], azp: 'client-1' }), expect0).ok).toBe(true);
  });

  it('reads a deep linking request', () => {
    const r = checkLaunchClaims(
      claims({
        [CLAIM.messageType]: MESSAGE_TYPE.deepLinkingRequest,
        [CLAIM.deepLinkingSettings]: {
          deep_link_return_url: 'https://lms.example/dl',
          accept_types: ['ltiResourceLink'],
          data: 'opaque',
        },
      }),
      expect0,
    );
    expect(r.ok && r.kind).toBe('deepLinking');
  });
});

describe('mapLtiRoles', () => {
  it('maps instructors and administrators to teacher, everyone else to learner', () => {
    expect(mapLtiRoles(['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'])).toBe('teacher');
    expect(mapLtiRoles(['Instructor'])).toBe('teacher');
    expect(mapLtiRoles(['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'])).toBe('learner');
    expect(mapLtiRoles(['http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant'])).toBe(
      'learner',
    );
    expect(mapLtiRoles([])).toBe('learner');
  });
});

describe('AGS score and retry schedule', () => {
  it('builds a completed, fully graded score clamped into range', () => {
    const s = scoreFor({ ltiUserId: 'u', score: 120, maxScore: 100, at: now });
    expect(s).toMatchObject({
      userId: 'u',
      scoreGiven: 100,
      scoreMaximum: 100,
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: now.toISOString(),
    });
  });

  it('backs off exponentially, capped, then gives up', () => {
    const policy = { maxAttempts: 4, baseSeconds: 10, capSeconds: 25 };
    const delays = [1, 2, 3].map((n) => {
      const r = nextAttempt(n, now, 1, policy);
      return r.dead ? -1 : (r.at.getTime() - now.getTime()) / 1000;
    });
    expect(delays).toEqual([10, 20, 25]);
    expect(nextAttempt(4, now, 0, policy)).toEqual({ dead: true });
  });
});
