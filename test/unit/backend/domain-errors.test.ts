import { describe, expect, it } from 'vitest';
import { msg } from '../../../core/i18n.ts';
import { fromDomainError } from '../../../functions/http/errors.ts';
import { conflict, DomainError, forbidden, notFound, rateLimited } from '../../../functions/service/errors.ts';

describe('domain errors → HTTP', () => {
  const why = msg('왜', 'why');

  it('maps each domain code to its status, the reason (else the code) becoming the body code', () => {
    const cases: Array<[DomainError, number, string]> = [
      [notFound(why), 404, 'not_found'],
      [forbidden(why), 403, 'forbidden'],
      [forbidden(why, 'deadline_passed'), 403, 'deadline_passed'],
      [conflict('no_deadline', why), 409, 'no_deadline'],
      [
        new DomainError('invalid', why, { reason: 'invalid_config', issues: [{ path: 'a', message: why, line: 3 }] }),
        422,
        'invalid_config',
      ],
      [rateLimited(7), 429, 'rate_limited'],
    ];
    for (const [err, status, code] of cases) {
      const api = fromDomainError(err);
      expect([api.status, api.code]).toEqual([status, code]);
      expect(api.text).toEqual(err.text);
    }
  });

  it('keeps the field issues and says when to retry', () => {
    const issues = [{ path: 'a', message: why, line: 3 }];
    expect(fromDomainError(new DomainError('invalid', why, { issues })).details).toEqual(issues);
    expect(fromDomainError(rateLimited(7)).headers).toEqual({ 'Retry-After': '7' });
    expect(fromDomainError(notFound(why)).headers).toEqual({});
  });
});
