/**
 * The playground's shareable link: the configuration, UTF-8 and base64url-encoded, in the URL fragment
 * (`/playground#c=…`). The fragment never reaches the server. Bounded: a link longer than MAX_SHARE_CHARS is
 * refused when made and when read.
 */
export const MAX_SHARE_CHARS = 8000;
const PREFIX = '#c=';

export type ShareResult = { ok: true; value: string } | { ok: false; error: 'too-big' | 'invalid' };

export function encodeShare(text: string): ShareResult {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  const hash = PREFIX + btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return hash.length > MAX_SHARE_CHARS ? { ok: false, error: 'too-big' } : { ok: true, value: hash };
}

/** The configuration in a fragment; `null` when the fragment holds none. */
export function decodeShare(hash: string): ShareResult | null {
  if (!hash.startsWith(PREFIX)) return null;
  if (hash.length > MAX_SHARE_CHARS) return { ok: false, error: 'too-big' };
  const body = hash.slice(PREFIX.length);
  if (!/^[A-Za-z0-9_-]*$/.test(body)) return { ok: false, error: 'invalid' };
  try {
    const bin = atob(body.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, error: 'invalid' };
  }
}
