import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

/** SF §6.1: LTI messages and service assertions are signed with RS256. */
export const TOOL_ALG = 'RS256';

/** The tool's signing key: the private half signs, the public half is served at /.well-known/jwks.json. */
export interface ToolKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

/**
 * Where the key comes from (`LTI_TOOL_KEY`): `file:<dir>` keeps a generated key in `<dir>/tool-key.json` (local
 * mode: `.data/lti/`, mode 0600); `env:<VAR>` reads a private JWK (JSON) from that variable, which on AWS is filled
 * from a Secrets Manager secret at deploy time. No private key is ever in the code or the bundle.
 */
export type ToolKeySource = { kind: 'file'; dir: string } | { kind: 'jwk'; json: string };

export function parseToolKeySource(value: string | undefined, env: NodeJS.ProcessEnv): ToolKeySource {
  const v = value ?? 'file:.data/lti';
  if (v.startsWith('file:')) return { kind: 'file', dir: v.slice(5) };
  if (v.startsWith('env:')) {
    const json = env[v.slice(4)];
    if (!json) throw new Error(`LTI_TOOL_KEY=${v}: the variable is empty`);
    return { kind: 'jwk', json };
  }
  throw new Error(`LTI_TOOL_KEY must be file:<dir> or env:<VAR>, not ${v}`);
}

export async function loadToolKey(source: ToolKeySource): Promise<ToolKey> {
  if (source.kind === 'jwk') return fromPrivateJwk(JSON.parse(source.json) as JWK);
  const file = join(source.dir, 'tool-key.json');
  try {
    return await fromPrivateJwk(JSON.parse(await readFile(file, 'utf8')) as JWK);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const jwk = await newPrivateJwk();
  await mkdir(source.dir, { recursive: true, mode: 0o700 });
  await writeFile(file, JSON.stringify(jwk), { mode: 0o600, flag: 'wx' }).catch(async (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EEXIST') throw err; // another process made it first: use theirs
  });
  return fromPrivateJwk(JSON.parse(await readFile(file, 'utf8')) as JWK);
}

/** A fresh RS256 key as a private JWK with its kid (tests and first start). */
export async function newPrivateJwk(): Promise<JWK> {
  const { privateKey } = await generateKeyPair(TOOL_ALG, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: `virtlab-${new Date().toISOString().slice(0, 10)}-${jwk.n!.slice(0, 8)}`, alg: TOOL_ALG };
}

async function fromPrivateJwk(jwk: JWK): Promise<ToolKey> {
  if (!jwk.d || !jwk.kid) throw new Error('the LTI tool key must be a private JWK with a kid');
  const privateKey = (await importJWK({ ...jwk, alg: TOOL_ALG }, TOOL_ALG)) as CryptoKey;
  const publicJwk: JWK = { kty: jwk.kty, n: jwk.n, e: jwk.e, kid: jwk.kid, alg: TOOL_ALG, use: 'sig' };
  const publicKey = (await importJWK(publicJwk, TOOL_ALG)) as CryptoKey;
  return { kid: jwk.kid, privateKey, publicKey, publicJwk };
}
