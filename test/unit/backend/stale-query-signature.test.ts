import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signV4, type Credentials } from '../../../functions/lambda/stale-query.ts';

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: SourceData) =>
  typeof d === 'string'
    ? d
    : ArrayBuffer.isView(d)
      ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength)
      : new Uint8Array(d);

/** The SDK's SHA-256 interface on node:crypto (a keyed one is an HMAC), as @smithy/hash-node implements it. */
class Sha256 {
  readonly #hash;
  constructor(secret?: SourceData) {
    this.#hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData) {
    this.#hash.update(bytes(data));
  }
  digest() {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
  reset() {}
}

/** The AWS SDK's own SigV4 signer (what its DynamoDB client signs with): the independent reference. */
async function sdkAuthorization(url: URL, headers: Record<string, string>, body: string, c: Credentials, now: Date) {
  const signer = new SignatureV4({
    credentials: c,
    region: 'eu-west-1',
    service: 'dynamodb',
    sha256: Sha256,
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query: {},
      headers: { ...headers, host: url.host },
      body,
    },
    { signingDate: now },
  );
  return signed.headers.authorization;
}

describe('SigV4 of the sweeper’s signed Query', () => {
  it('gives the AWS SDK signer’s Authorization for any body, time, credentials and endpoint', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string(),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.record(
          {
            accessKeyId: fc.stringMatching(/^[A-Z0-9]{16,20}$/),
            secretAccessKey: fc.stringMatching(/^[A-Za-z0-9/+]{20,40}$/),
            sessionToken: fc.stringMatching(/^[A-Za-z0-9/+=]{10,60}$/),
          },
          { requiredKeys: ['accessKeyId', 'secretAccessKey'] },
        ),
        fc.constantFrom('https://dynamodb.eu-west-1.amazonaws.com/', 'http://127.0.0.1:8123/'),
        async (body, now, credentials, endpoint) => {
          const url = new URL(endpoint);
          const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Query' };
          const ours = signV4({ url, region: 'eu-west-1', service: 'dynamodb', headers, body }, credentials, now);
          expect(ours.authorization).toBe(await sdkAuthorization(url, headers, body, credentials, now));
          expect(ours.host).toBe(url.host);
          expect(ours['x-amz-security-token']).toBe(credentials.sessionToken);
        },
      ),
      { numRuns: 100 },
    );
  });
});
