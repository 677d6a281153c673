import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../functions/auth/local-issuer.ts';
import { createCognitoDirectory } from '../../functions/adapters/directory/cognito.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import { DEMO_COURSE } from '../../functions/local/seed.ts';
import { importRoster } from '../../functions/service/roster.ts';
import { DomainError } from '../../functions/service/errors.ts';
import type { Directory } from '../../functions/ports/directory.ts';
import { startStack } from './helpers/stack.ts';

/**
 * The Cognito directory with the real SDK client against a small stand-in for Cognito's JSON 1.1 protocol on
 * 127.0.0.1 (the few operations the adapter calls, users in memory); never real AWS.
 */
interface FakeUser {
  username: string;
  attributes: { Name: string; Value: string }[];
  groups: Set<string>;
}
interface Seen {
  op: string;
  body: Record<string, any>;
}

class FakeCognito {
  readonly users = new Map<string, FakeUser>();
  readonly seen: Seen[] = [];
  /** What the next calls answer instead of the real thing (left in place until reset). */
  fault: { op: string; status: number; body: string } | undefined;
  /** AdminCreateUser answers without the `sub` attribute. */
  dropSub = false;
  server!: Server;

  endpoint(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    let text = '';
    for await (const chunk of req) text += chunk;
    const op = String(req.headers['x-amz-target'] ?? '').replace('AWSCognitoIdentityProviderService.', '');
    const body = JSON.parse(text || '{}');
    this.seen.push({ op, body });
    const reply = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
    };
    const error = (type: string, message: string) => reply(400, { __type: type, message });
    if (this.fault?.op === op) return reply(this.fault.status, this.fault.body);

    const byName = (name: string) =>
      [...this.users.values()].find(
        (u) => u.username === name || u.attributes.some((a) => a.Name === 'email' && a.Value === name.toLowerCase()),
      );
    if (op === 'AdminCreateUser') {
      if (byName(body.Username))
        return error('UsernameExistsException', 'An account with the given email already exists.');
      const sub = randomUUID();
      const user: FakeUser = {
        username: sub,
        attributes: [{ Name: 'sub', Value: sub }, ...body.UserAttributes],
        groups: new Set(),
      };
      this.users.set(sub, user);
      const attributes = this.dropSub ? user.attributes.filter((a) => a.Name !== 'sub') : user.attributes;
      return reply(200, {
        User: { Username: sub, Attributes: attributes, Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' },
      });
    }
    const user = byName(body.Username ?? '');
    if (!user) return error('UserNotFoundException', 'User does not exist.');
    if (op === 'AdminGetUser')
      return reply(200, { Username: user.username, UserAttributes: user.attributes, Enabled: true });
    if (op === 'AdminAddUserToGroup') {
      user.groups.add(body.GroupName);
      return reply(200, {});
    }
    return error('UnknownOperationException', op);
  }
}

const fake = new FakeCognito();
let directory: Directory;

beforeAll(async () => {
  await fake.start();
  const client = new CognitoIdentityProviderClient({
    endpoint: fake.endpoint(),
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' },
  });
  directory = createCognitoDirectory('eu-west-1_TestPool', client);
});
afterAll(() => new Promise<void>((resolve) => fake.server.close(() => resolve())));
beforeEach(() => {
  fake.fault = undefined;
  fake.dropSub = false;
  fake.seen.length = 0;
});

const subOf = (email: string) =>
  [...fake.users.values()]
    .find((u) => u.attributes.some((a) => a.Name === 'email' && a.Value === email))
    ?.attributes.find((a) => a.Name === 'sub')?.Value;

describe('Cognito directory', () => {
  it('creates a learner with an invitation mail, in the learners group, with the sub as id', async () => {
    const r = await directory.ensureLearner({ email: 'Kim@Uni.ac.kr', name: '김민지' });
    expect(r.created).toBe(true);
    expect(r.user).toEqual({ id: subOf('kim@uni.ac.kr'), email: 'kim@uni.ac.kr', name: '김민지' });
    const create = fake.seen.find((s) => s.op === 'AdminCreateUser')!;
    expect(create.body).toMatchObject({
      UserPoolId: 'eu-west-1_TestPool',
      Username: 'kim@uni.ac.kr',
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(create.body).not.toHaveProperty('MessageAction');
    expect(create.body.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'email', Value: 'kim@uni.ac.kr' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: '김민지' },
      ]),
    );
    expect([...fake.users.get(r.user.id)!.groups]).toEqual(['learners']);
  });

  it('the same email again is the same user, not created, and nobody is invited twice', async () => {
    const first = await directory.ensureLearner({ email: 'lee@uni.ac.kr', name: 'Lee Jun' });
    fake.seen.length = 0;
    const again = await directory.ensureLearner({ email: 'lee@uni.ac.kr', name: 'Someone Else' });
    expect(again).toEqual({ user: first.user, created: false });
    // The existing user is read back, never rewritten or regrouped.
    expect(fake.seen.map((s) => s.op)).toEqual(['AdminCreateUser', 'AdminGetUser']);
  });

  it('finds a user by email, and nobody for an unknown email', async () => {
    const { user } = await directory.ensureLearner({ email: 'park@uni.ac.kr', name: 'Park' });
    expect(await directory.findByEmail('PARK@uni.ac.kr')).toEqual(user);
    expect(await directory.findByEmail('nobody@uni.ac.kr')).toBeUndefined();
    expect(fake.seen.filter((s) => s.op === 'AdminGetUser').map((s) => s.body.Username)).toEqual([
      'park@uni.ac.kr',
      'nobody@uni.ac.kr',
    ]);
  });

  it('a response without the user id is a clear bilingual error, reason directory_unavailable', async () => {
    fake.dropSub = true;
    const err = await directory.ensureLearner({ email: 'nosub@uni.ac.kr', name: 'X' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'unavailable', reason: 'directory_unavailable' });
    expect((err as DomainError).text.ko).toContain('nosub@uni.ac.kr');
    expect((err as DomainError).text.en).toMatch(/could not find or create nosub@uni\.ac\.kr \(no user id/);
  });

  it('an error Cognito answers is named in the message; a failing server is tried the SDK’s three times, no more', async () => {
    fake.fault = {
      op: 'AdminCreateUser',
      status: 400,
      body: JSON.stringify({ __type: 'InvalidParameterException', message: 'Invalid email address format.' }),
    };
    const invalid = await directory.ensureLearner({ email: 'odd@uni.ac.kr', name: 'X' }).catch((e: unknown) => e);
    expect((invalid as DomainError).text.en).toContain('(InvalidParameterException)');
    expect(fake.seen).toHaveLength(1);

    fake.seen.length = 0;
    fake.fault = { op: 'AdminGetUser', status: 500, body: 'not json' };
    const down = await directory.findByEmail('kim@uni.ac.kr').catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 'unavailable', reason: 'directory_unavailable' });
    expect(fake.seen.map((s) => s.op)).toEqual(['AdminGetUser', 'AdminGetUser', 'AdminGetUser']);
  });
});

describe('the deployed dependencies', () => {
  const ENV = {
    APP_MODE: 'aws',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    TABLE_NAME: 'virtlab-unused',
    QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/000000000000/virtlab-unused',
    CONTENT_DIR: resolve('content'),
    USER_POOL_ID: 'eu-west-1_FromStack',
  };
  const saved = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));
  afterAll(() => {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    delete process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER;
  });

  it('give the roster import a directory over the pool the stack names (USER_POOL_ID)', async () => {
    Object.assign(process.env, ENV, { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: fake.endpoint() });
    const { awsDeps } = await import('../../functions/lambda/aws-deps.ts');
    const { directory: deployed } = await awsDeps();
    const r = await deployed!.ensureLearner({ email: 'wired@uni.ac.kr', name: 'Wired' });
    expect(r).toMatchObject({ created: true, user: { id: subOf('wired@uni.ac.kr') } });
    expect(fake.seen.map((s) => [s.op, s.body.UserPoolId])).toEqual([
      ['AdminCreateUser', 'eu-west-1_FromStack'],
      ['AdminAddUserToGroup', 'eu-west-1_FromStack'],
    ]);
  });
});

describe('roster import with the Cognito directory', () => {
  let stack: LocalStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('imports a 3-row file: each learner created in the pool and enrolled under their sub; a repeat adds nothing', async () => {
    const teacher = DEMO_USERS.find((u) => u.id === 'teacher1')!;
    const deps = { ...stack.deps, directory };
    const csv = 'email,name\nchoi@uni.ac.kr,Choi\njung@uni.ac.kr,Jung\nkang@uni.ac.kr,Kang\n';
    const preview = await importRoster(deps, teacher, DEMO_COURSE.id, csv, { dryRun: true });
    expect(preview.counts).toEqual({ create: 3, enroll: 0, already: 0, skip: 0 });
    expect(fake.seen.some((s) => s.op === 'AdminCreateUser')).toBe(false);

    const done = await importRoster(deps, teacher, DEMO_COURSE.id, csv, { dryRun: false });
    expect(done.counts).toEqual({ create: 3, enroll: 0, already: 0, skip: 0 });
    for (const email of ['choi@uni.ac.kr', 'jung@uni.ac.kr', 'kang@uni.ac.kr']) {
      const sub = subOf(email)!;
      expect(done.rows.find((r) => r.email === email)?.userId).toBe(sub);
      expect(await stack.deps.store.getEnrollment(DEMO_COURSE.id, sub)).toMatchObject({ role: 'learner' });
    }
    expect(fake.seen.filter((s) => s.op === 'AdminCreateUser')).toHaveLength(3);

    const again = await importRoster(deps, teacher, DEMO_COURSE.id, csv, { dryRun: false });
    expect(again.counts).toEqual({ create: 0, enroll: 0, already: 3, skip: 0 });
  });
});
