/**
 * The sweeper's one read, the StatusIndex Query of ACCESS-PATTERNS.md ("queued too long", "grading lease expired"),
 * as one SigV4-signed HTTPS request instead of the AWS SDK's DynamoDB client. The client (~250 KiB minified: the
 * SDK core, every protocol's serde, the credential chain) was most of the sweeper's cold start, for a function that
 * makes this one call every two minutes and usually finds nothing. The signature is AWS's Signature Version 4
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html), tested against the SDK's signer;
 * the request and reply are DynamoDB's JSON protocol (X-Amz-Target DynamoDB_20120810.Query). No retries: a failed
 * sweep throws, and the next one, two minutes later, asks again (publishing twice is harmless).
 */
import { createHash, createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { StaleSubmission, SweepDeps } from '../grading/sweep.ts';
import { STALE_QUERY } from '../adapters/dynamo/keys.ts';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface SignedRequest {
  url: URL;
  region: string;
  service: string;
  headers: Record<string, string>;
  body: string;
}

const sha256Hex = (data: string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();

/** The request's headers plus `x-amz-date`, the session token and `authorization` (SigV4, POST to the URL's path). */
export function signV4(req: SignedRequest, credentials: Credentials, now: Date): Record<string, string> {
  const amzDate = now.toISOString().replace(/[-:]|\.\d{3}/g, ''); // 20261205T131500Z
  const day = amzDate.slice(0, 8);
  const headers: Record<string, string> = {
    ...Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v.trim()])),
    host: req.url.host,
    'x-amz-date': amzDate,
    ...(credentials.sessionToken ? { 'x-amz-security-token': credentials.sessionToken } : {}),
  };
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    'POST',
    req.url.pathname,
    '',
    ...names.map((n) => `${n}:${headers[n]}`),
    '',
    signedHeaders,
    sha256Hex(req.body),
  ].join('\n');
  const scope = `${day}/${req.region}/${req.service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), req.region), req.service),
    'aws4_request',
  );
  const signature = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}

function post(url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const req = send(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

type AttributeValue = { S?: string };
type Item = Record<string, AttributeValue>;

export interface StaleQueryOptions {
  tableName: string;
  region: string;
  /** DynamoDB's regional endpoint unless given (AWS_ENDPOINT_URL_DYNAMODB, as the SDK reads it; dynalite in tests). */
  endpoint?: string;
  credentials: () => Credentials;
  clock?: () => Date;
}

/** `listStale` of the Store, answering with what a sweep publishes (id, learner, lab, course). */
export function staleQuery(options: StaleQueryOptions): SweepDeps['store']['listStale'] {
  const url = new URL(options.endpoint ?? `https://dynamodb.${options.region}.amazonaws.com/`);
  const clock = options.clock ?? (() => new Date());
  const query = async (input: Record<string, unknown>) => {
    const body = JSON.stringify(input);
    const req = {
      url,
      region: options.region,
      service: 'dynamodb',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.Query' },
      body,
    };
    const res = await post(url, signV4(req, options.credentials(), clock()), body);
    const reply = JSON.parse(res.text || '{}') as {
      Items?: Item[];
      LastEvaluatedKey?: Item;
      __type?: string;
      message?: string;
      Message?: string;
    };
    if (res.status !== 200)
      throw new Error(
        `DynamoDB Query on ${options.tableName} failed (HTTP ${res.status}): ${reply.__type ?? ''} ${reply.message ?? reply.Message ?? res.text}`,
      );
    return reply;
  };
  return async (status, before, limit) => {
    const out: StaleSubmission[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await query({
        TableName: options.tableName,
        ...STALE_QUERY,
        ExpressionAttributeValues: { ':s': { S: status }, ':before': { S: before } },
        ProjectionExpression: '#id, learnerId, labId, courseId',
        ExpressionAttributeNames: { '#id': 'id' },
        Limit: limit,
        ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}),
      });
      for (const item of page.Items ?? [])
        out.push({
          id: item.id.S!,
          learnerId: item.learnerId.S!,
          labId: item.labId.S!,
          ...(item.courseId?.S ? { courseId: item.courseId.S } : {}),
        });
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && out.length < limit);
    return out.slice(0, limit);
  };
}
