import { beforeAll, describe, expect, it } from 'vitest';
import { NRPS } from '../../../core/lti/claims.ts';
import { fetchContextMembers } from '../../../functions/lti/nrps.ts';
import { loadToolKey, newPrivateJwk, type ToolKey } from '../../../functions/lti/tool-key.ts';
import type { LtiPlatform } from '../../../functions/ports/lti-store.ts';

/** NRPS membership reading against a fake platform: each member's status, and whether the whole list was read. */
const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';
const platform: LtiPlatform = {
  issuer: 'https://lms.test',
  clientId: 'c',
  deploymentIds: ['d'],
  jwksUrl: 'https://lms.test/jwks',
  authUrl: 'https://lms.test/auth',
  tokenUrl: 'https://lms.test/token',
  ownerId: 'teacher1',
  createdAt: '2026-01-01T00:00:00.000Z',
};
let toolKey: ToolKey;
beforeAll(async () => {
  toolKey = await loadToolKey({ kind: 'jwk', json: JSON.stringify(await newPrivateJwk()) });
});

/** A platform whose membership list is `pages`, each page linking to the next (past the last one too if `endless`). */
function fakeLms(pages: unknown[][], endless = false) {
  return async (url: string) => {
    if (url === platform.tokenUrl) return Response.json({ access_token: 'at' });
    const page = Number(new URL(url).searchParams.get('page') ?? '1');
    const more = endless || page < pages.length;
    return Response.json(
      { members: pages[page - 1] ?? pages.at(-1) },
      {
        headers: {
          'content-type': NRPS.mediaType,
          ...(more ? { link: `<https://lms.test/m?page=${page + 1}>; rel="next"` } : {}),
        },
      },
    );
  };
}
const read = (pages: unknown[][], endless = false) =>
  fetchContextMembers(
    { clock: () => new Date(), ids: () => 'jti', toolKey, fetch: fakeLms(pages, endless) },
    platform,
    'https://lms.test/m',
    3,
  );

describe('fetchContextMembers', () => {
  it('keeps every member with its status (absent is Active, an unknown value Other) and says the list is whole', async () => {
    const got = await read([
      [
        { user_id: 'a', roles: [LEARNER] },
        { user_id: 'b', status: 'Inactive', roles: [LEARNER] },
      ],
      [
        { user_id: 'c', status: 'Deleted', roles: [LEARNER] },
        { user_id: 'd', status: 'Suspended', roles: [LEARNER] },
        { status: 'Active', roles: [LEARNER] },
      ],
    ]);
    expect(got.complete).toBe(true);
    expect(got.members.map((m) => [m.sub, m.status])).toEqual([
      ['a', 'Active'],
      ['b', 'Inactive'],
      ['c', 'Deleted'],
      ['d', 'Other'],
    ]);
  });

  it('is not whole when the page bound stops it before the last page', async () => {
    const got = await read([[{ user_id: 'a', roles: [LEARNER] }]], true);
    expect(got.members).toHaveLength(3);
    expect(got.complete).toBe(false);
  });
});
