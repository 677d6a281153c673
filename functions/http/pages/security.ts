import type { MiddlewareHandler } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { AppConfig } from '../../config.ts';

/**
 * Security headers of the pages. Scripts come only from this origin (/assets, no inline script, no CDN); styles
 * from /assets plus the per-request nonce the editor needs for the style element CodeMirror injects. Forms post
 * only here — and, on AWS, to the hosted UI, which the logout form is redirected to.
 */
export function pageSecurityHeaders(config: Pick<AppConfig, 'cognito'>): MiddlewareHandler {
  const hostedUi = config.cognito ? [new URL(config.cognito.domain).origin] : [];
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", NONCE],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'", ...hostedUi],
    },
    referrerPolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [], payment: [] },
  });
}

/** The nonce secureHeaders made for this request (the layout puts it where the editor can read it). */
export const nonceOf = (c: { get(key: 'secureHeadersNonce'): string | undefined }): string =>
  c.get('secureHeadersNonce') ?? '';
