import * as z from 'zod';

/**
 * The LTI 1.3 names virtlab reads and writes, spelled exactly as the IMS specifications spell them.
 * Core = LTI Core 1.3, SF = Security Framework 1.0, DL = Deep Linking 2.0, AGS = Assignment and Grade Services 2.0,
 * NRPS = Names and Role Provisioning Services 2.0.
 */
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const CLAIM = {
  /** Core §5.3.1 */
  messageType: `${LTI}message_type`,
  /** Core §5.3.2 — always "1.3.0" */
  version: `${LTI}version`,
  /** Core §5.3.3 */
  deploymentId: `${LTI}deployment_id`,
  /** Core §5.3.4 */
  targetLinkUri: `${LTI}target_link_uri`,
  /** Core §5.3.5 */
  resourceLink: `${LTI}resource_link`,
  /** Core §5.3.7 */
  roles: `${LTI}roles`,
  /** Core §5.4.1 */
  context: `${LTI}context`,
  /** Core §5.4.6 */
  custom: `${LTI}custom`,
  /** AGS §3.1 (the assignment and grade service claim) */
  agsEndpoint: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  /** NRPS §3.6.1 */
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
  /** DL §4.4.1 */
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  /** DL §4.5.1 (response) */
  contentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  /** DL §4.5.2 — echoed back from the request's settings */
  dlData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
} as const;

/** Core §5.3.1 and DL §4.4 / §4.5: the message types virtlab accepts (launch) or sends (response). */
export const MESSAGE_TYPE = {
  resourceLink: 'LtiResourceLinkRequest',
  deepLinkingRequest: 'LtiDeepLinkingRequest',
  deepLinkingResponse: 'LtiDeepLinkingResponse',
} as const;

export const LTI_VERSION = '1.3.0';

/** AGS §3.1 (scopes) and §3.4 (the score service's media type). */
export const AGS = {
  scopeScore: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  scopeLineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  scopeLineItemReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
  scopeResultReadonly: 'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  scoreMediaType: 'application/vnd.ims.lis.v1.score+json',
} as const;

/** NRPS §2.2 (scope) and §2.3 (the membership container's media type). */
export const NRPS = {
  scope: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
  mediaType: 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json',
} as const;

/** SF §4.1.1 (RFC 7523): the client assertion's type in an access-token request. */
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const str = z.string().min(1).max(1024);

/** SF §5.1.1: the platform's third-party login initiation request (query or form). */
export const loginInitiationSchema = z.object({
  iss: str,
  login_hint: str,
  target_link_uri: z.string().url().max(2048),
  lti_message_hint: str.optional(),
  client_id: str.optional(),
  lti_deployment_id: str.optional(),
});
export type LoginInitiation = z.infer<typeof loginInitiationSchema>;

const resourceLink = z.object({ id: str, title: z.string().max(1024).optional() }).passthrough();
const context = z.object({ id: str, title: z.string().max(1024).optional(), label: z.string().max(256).optional() });
const agsEndpoint = z.object({
  scope: z.array(z.string()).max(32).default([]),
  lineitems: z.string().url().optional(),
  lineitem: z.string().url().optional(),
});
const nrps = z.object({ context_memberships_url: z.string().url(), service_versions: z.array(z.string()).optional() });
const dlSettings = z.object({
  deep_link_return_url: z.string().url(),
  accept_types: z.array(z.string()).max(16),
  accept_multiple: z.boolean().optional(),
  data: z.string().max(4096).optional(),
});

/** The id_token claims both message types share (Core §5.1 and §5.3, SF §5.1.2 / OIDC Core §2). */
const common = {
  iss: str,
  sub: str.optional(),
  aud: z.union([str, z.array(str).min(1).max(16)]),
  azp: str.optional(),
  exp: z.number().int(),
  iat: z.number().int(),
  nonce: str,
  name: z.string().max(512).optional(),
  email: z.string().max(512).optional(),
  [CLAIM.version]: z.string(),
  [CLAIM.deploymentId]: str,
  [CLAIM.roles]: z.array(z.string().max(512)).max(64),
  [CLAIM.context]: context.optional(),
  [CLAIM.agsEndpoint]: agsEndpoint.optional(),
  [CLAIM.nrps]: nrps.optional(),
  [CLAIM.custom]: z.record(z.string(), z.unknown()).optional(),
};

/** Core §5.3: a resource link launch. `sub` is required here (Core §5.3.6: anonymous launches are not handled). */
export const resourceLinkClaimsSchema = z.object({
  ...common,
  sub: str,
  [CLAIM.messageType]: z.literal(MESSAGE_TYPE.resourceLink),
  [CLAIM.resourceLink]: resourceLink,
  [CLAIM.targetLinkUri]: z.string().url().optional(),
});

/** DL §4.4: the deep linking request. */
export const deepLinkingClaimsSchema = z.object({
  ...common,
  [CLAIM.messageType]: z.literal(MESSAGE_TYPE.deepLinkingRequest),
  [CLAIM.deepLinkingSettings]: dlSettings,
});

export type ResourceLinkClaims = z.infer<typeof resourceLinkClaimsSchema>;
export type DeepLinkingClaims = z.infer<typeof deepLinkingClaimsSchema>;
export type LaunchClaims = ResourceLinkClaims | DeepLinkingClaims;
