/**
 * The Cognito hosted UI's token endpoint (`/oauth2/token`), for a public client (PKCE, no secret): the
 * authorization code of a sign-in and the refresh token that keeps the session. `fetch` is injected for tests.
 */
export interface TokenSet {
  idToken: string;
  expiresInSeconds: number;
  /** Only the code exchange returns one; a refresh keeps the one the session has. */
  refreshToken?: string;
}

export interface TokenEndpoint {
  exchangeCode(input: { code: string; redirectUri: string; verifier: string }): Promise<TokenSet | undefined>;
  refresh(refreshToken: string): Promise<TokenSet | undefined>;
  /** Ends a refresh token (sign-out); best effort, the cookie is dropped either way. */
  revoke(refreshToken: string): Promise<void>;
}

/** A token answer is only read as far as it is well formed; anything else is no token set. */
function tokenSetOf(body: unknown): TokenSet | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { id_token, expires_in, refresh_token } = body as Record<string, unknown>;
  if (typeof id_token !== 'string') return undefined;
  return {
    idToken: id_token,
    expiresInSeconds: typeof expires_in === 'number' && expires_in > 0 ? expires_in : 3600,
    ...(typeof refresh_token === 'string' ? { refreshToken: refresh_token } : {}),
  };
}

export function cognitoTokenEndpoint(settings: {
  domain: string;
  clientId: string;
  fetch?: typeof fetch;
}): TokenEndpoint {
  const send = settings.fetch ?? fetch;
  const post = (path: string, form: Record<string, string>) =>
    send(new URL(path, settings.domain), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: settings.clientId, ...form }),
    }).catch(() => undefined);
  const tokens = async (form: Record<string, string>) => {
    const res = await post('/oauth2/token', form);
    return res?.ok ? tokenSetOf(await res.json().catch(() => undefined)) : undefined;
  };
  return {
    exchangeCode: ({ code, redirectUri, verifier }) =>
      tokens({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }),
    refresh: (refreshToken) => tokens({ grant_type: 'refresh_token', refresh_token: refreshToken }),
    async revoke(refreshToken) {
      await post('/oauth2/revoke', { token: refreshToken });
    },
  };
}
