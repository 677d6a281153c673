import { describe, it, expect } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
import { z } from 'zod';
import { groupsOf, rolesOf, userFromClaims } from '../../../functions/auth/cognito.ts';
import { createLocalIssuer } from '../../../functions/auth/local-issuer.ts';
import { languageOf } from '../../../functions/http/middleware/lang.ts';
import { bilingualIssues } from '../../../functions/http/zod-issues.ts';
import { bilingual } from '../../../core/validation.ts';
import { msg, utcDateTime } from '../../../core/i18n.ts';

describe('Cognito groups → roles', () => {
  it('reads the groups claim as an array or as the flattened "[a b]" string', () => {
    expect(groupsOf(['teachers', 'learners'])).toEqual(['teachers', 'learners']);
    expect(groupsOf('[learners teachers]')).toEqual(['learners', 'teachers']);
    expect(groupsOf('[teachers]')).toEqual(['teachers']);
    expect(groupsOf(undefined)).toEqual([]);
    expect(groupsOf(42)).toEqual([]);
  });

  it('maps known groups to roles and makes everyone else a learner', () => {
    expect(rolesOf('[learners teachers]').sort()).toEqual(['learner', 'teacher']);
    expect(rolesOf(['Teachers'])).toEqual(['teacher']);
    expect(rolesOf(['admins'])).toEqual(['learner']);
    expect(rolesOf(undefined)).toEqual(['learner']);
  });

  it('builds the user from verified claims', () => {
    expect(userFromClaims({ sub: 'abc', email: 'a@example.org', 'cognito:groups': ['teachers'] })).toEqual({
      id: 'abc',
      name: 'a@example.org',
      roles: ['teacher'],
    });
    expect(userFromClaims({ email: 'no-sub@example.org' })).toBeUndefined();
  });
});

describe('local issuer', () => {
  it('issues tokens for demo users only and verifies its own tokens', async () => {
    const issuer = await createLocalIssuer();
    expect(await issuer.issueLocalToken('nobody')).toBeUndefined();
    const token = (await issuer.issueLocalToken('teacher1'))!;
    expect(await issuer.verify(token)).toMatchObject({ id: 'teacher1', roles: ['teacher'] });
  });

  it('rejects tampered tokens, tokens of another run, and tokens signed by anyone else', async () => {
    const a = await createLocalIssuer();
    const b = await createLocalIssuer();
    const token = (await a.issueLocalToken('learner1'))!;
    expect(await b.verify(token)).toBeUndefined();
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const elevated = Buffer.from(JSON.stringify({ ...payload, roles: ['teacher'] })).toString('base64url');
    expect(await a.verify(`${h}.${elevated}.${s}`)).toBeUndefined();
    const { privateKey } = await generateKeyPair('ES256');
    const foreign = await new SignJWT({ roles: ['teacher'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('teacher1')
      .setIssuer('virtlab-local')
      .setAudience('virtlab')
      .setExpirationTime('1h')
      .sign(privateKey);
    expect(await a.verify(foreign)).toBeUndefined();
    expect(await a.verify('garbage')).toBeUndefined();
  });

  it('rejects expired tokens', async () => {
    const issuer = await createLocalIssuer({ ttlSeconds: 1 });
    const token = (await issuer.issueLocalToken('learner1'))!;
    await new Promise((r) => setTimeout(r, 2100));
    expect(await issuer.verify(token)).toBeUndefined();
  });
});

describe('language of a request', () => {
  it('prefers ?lang, then the best of ko/en in Accept-Language, else Korean', () => {
    expect(languageOf('en', 'ko')).toBe('en');
    expect(languageOf(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(languageOf(undefined, 'fr-FR, en;q=0.5, ko;q=0.8')).toBe('ko');
    expect(languageOf(undefined, 'fr, en;q=0')).toBe('ko');
    expect(languageOf('de', undefined)).toBe('ko');
  });

  it('writes a moment readably in both languages, in UTC and saying so', () => {
    expect(utcDateTime('2026-12-01T23:59:00.000Z')).toEqual({
      ko: '2026년 12월 1일 23:59 (UTC)',
      en: '1 Dec 2026, 23:59 UTC',
    });
    // A Seoul midnight is the previous afternoon in UTC.
    expect(utcDateTime('2026-03-05T00:05:00+09:00')).toEqual({
      ko: '2026년 3월 4일 15:05 (UTC)',
      en: '4 Mar 2026, 15:05 UTC',
    });
  });
});

describe('request validation issues', () => {
  it('describes each failed field in Korean and English', () => {
    const schema = z.object({
      score: z.number().max(100),
      title: z.string().refine((t) => t !== 'x', { error: bilingual(msg('x는 안 됩니다', 'x is not allowed')) }),
    });
    const input = { score: 120, title: 'x' };
    const r = schema.safeParse(input);
    const issues = bilingualIssues(r.error!, input);
    expect(issues.map((i) => i.path)).toEqual(['score', 'title']);
    expect(issues[0].message.en).toMatch(/100/);
    expect(issues[0].message.ko).toMatch(/[가-힣]/);
    expect(issues[1].message).toEqual({ ko: 'x는 안 됩니다', en: 'x is not allowed' });
  });
});
