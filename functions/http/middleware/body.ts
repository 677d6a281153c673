import type { MiddlewareHandler } from 'hono';
import { msg } from '../../../core/i18n.ts';
import type { AppEnv } from '../deps.ts';
import { ApiError, errors } from '../errors.ts';

export interface BodyRules {
  /** Accepted media types (without parameters). */
  types: readonly string[];
  maxBytes: number;
}

const mediaType = (header: string | undefined) => header?.split(';')[0].trim().toLowerCase();

/**
 * Guards a request body before anything parses it: the media type (415), the size by Content-Length and by the
 * bytes actually read (413), UTF-8 validity (400) and, for JSON, the syntax (400). The text is then available as
 * `c.get('bodyText')`; Hono caches the bytes, so the route's JSON validator reads them again without a copy.
 */
export function guardBody(rules: BodyRules): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const type = mediaType(c.req.header('content-type'));
    if (!type || !rules.types.includes(type)) throw errors.unsupportedType([...rules.types]);
    const declared = Number(c.req.header('content-length'));
    if (Number.isFinite(declared) && declared > rules.maxBytes) throw errors.tooLarge(rules.maxBytes);
    const bytes = await readAtMost(c.req.raw, rules.maxBytes);
    if (!bytes) throw errors.tooLarge(rules.maxBytes);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      throw new ApiError(
        400,
        'invalid_encoding',
        msg('요청 본문이 올바른 UTF-8이 아닙니다.', 'The request body is not valid UTF-8.'),
      );
    }
    if (type === 'application/json') {
      try {
        JSON.parse(text);
      } catch (err) {
        // The parser's own words are English, so only the English message quotes them.
        const detail = (err as Error).message;
        const at = jsonErrorAt(text, detail);
        throw new ApiError(
          400,
          'malformed_json',
          at
            ? msg(
                `JSON 형식이 잘못되었습니다. ${at.line}번째 줄 ${at.column}번째 글자를 확인하세요.`,
                `The JSON body is malformed (line ${at.line}, column ${at.column}): ${detail}`,
              )
            : msg('JSON 형식이 잘못되었습니다.', `The JSON body is malformed: ${detail}`),
        );
      }
    }
    c.set('bodyText', text);
    // Put the checked bytes back (Hono's body cache holds promises) so the validators downstream read the same body.
    (c.req.bodyCache as Record<string, unknown>).arrayBuffer = Promise.resolve(bytes.buffer);
    await next();
  };
}

/** Where JSON.parse stopped (1-based line and column), when its message gives the position (V8: "… at position N"). */
function jsonErrorAt(text: string, parserMessage: string): { line: number; column: number } | undefined {
  const found = /at position (\d+)/.exec(parserMessage);
  if (!found) return undefined;
  const before = text.slice(0, Number(found[1]));
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

/** The body's bytes, or undefined as soon as it grows past `max` (the stream is cancelled, not buffered whole). */
async function readAtMost(req: Request, max: number): Promise<Uint8Array | undefined> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
