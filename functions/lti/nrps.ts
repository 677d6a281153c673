import { NRPS } from '../../core/lti/claims.ts';
import { mapLtiRoles, type LtiVirtlabRole } from '../../core/lti/roles.ts';
import type { LtiPlatform } from '../ports/lti-store.ts';
import { accessToken, type OutboxDeps } from './ags-outbox.ts';

/**
 * NRPS §2.3: a membership's `status` is `Active`, `Inactive` or `Deleted`; absent means Active. A value outside
 * these is `Other`: the member is listed, so neither joined nor removed.
 */
export type MemberStatus = 'Active' | 'Inactive' | 'Deleted' | 'Other';

export interface ContextMember {
  sub: string;
  name?: string;
  role: LtiVirtlabRole;
  status: MemberStatus;
}

export interface ContextMembership {
  members: ContextMember[];
  /** Every page was read: a member absent from `members` is no longer a member of the context. */
  complete: boolean;
}

const statusOf = (status: unknown): MemberStatus =>
  status === undefined || status === 'Active'
    ? 'Active'
    : status === 'Inactive' || status === 'Deleted'
      ? status
      : 'Other';

/**
 * NRPS 2.0: the context's members from `context_memberships_url` (the NRPS claim of a launch), with an access token
 * for the `contextmembership.readonly` scope. Follows `Link: <…>; rel="next"` (NRPS §2.4.2) for at most `maxPages`
 * pages; `complete` says whether the last page was reached.
 */
export async function fetchContextMembers(
  deps: Pick<OutboxDeps, 'clock' | 'ids' | 'toolKey' | 'fetch'>,
  platform: LtiPlatform,
  url: string,
  maxPages = 10,
): Promise<ContextMembership> {
  const token = await accessToken(deps, platform, [NRPS.scope]);
  const members: ContextMember[] = [];
  let next: string | undefined = url;
  for (let page = 0; next && page < maxPages; page++) {
    const res = await deps.fetch(next, { headers: { authorization: `Bearer ${token}`, accept: NRPS.mediaType } });
    if (!res.ok) throw new Error(`memberships: HTTP ${res.status}`);
    const body = (await res.json()) as {
      members?: { user_id?: unknown; name?: unknown; status?: unknown; roles?: unknown }[];
    };
    for (const m of body.members ?? []) {
      if (typeof m.user_id !== 'string') continue;
      const roles = Array.isArray(m.roles) ? m.roles.filter((r): r is string => typeof r === 'string') : [];
      members.push({
        sub: m.user_id,
        ...(typeof m.name === 'string' ? { name: m.name } : {}),
        role: mapLtiRoles(roles),
        status: statusOf(m.status),
      });
    }
    next = /<([^>]+)>\s*;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
  }
  return { members, complete: next === undefined };
}
