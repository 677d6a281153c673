import { describe, it, expect } from 'vitest';
import { ROSTER_MAX_BYTES, ROSTER_MAX_ROWS, csvRecords, parseRoster } from '../../../core/course/roster.ts';

const ok = (text: string) => {
  const r = parseRoster(text);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.rows;
};
const issues = (text: string) => {
  const r = parseRoster(text);
  if (r.ok) throw new Error('expected issues');
  return r.issues;
};

describe('roster CSV', () => {
  it('reads email and name, optional student id and section, with a BOM, CRLF and Korean headers', () => {
    expect(ok('\uFEFFemail,name,student_id,section\r\nA@Example.org, Kim Minji ,2024001,A\r\n')).toEqual([
      { line: 2, email: 'a@example.org', name: 'Kim Minji', studentId: '2024001', section: 'A' },
    ]);
    expect(ok('이름,이메일\n김민지,minji@example.org\n\n')).toEqual([
      { line: 2, email: 'minji@example.org', name: '김민지' },
    ]);
  });

  it('quoted fields hold commas, quotes and newlines; lines are counted from where a row starts', () => {
    const rows = ok('email,name\n"a@x.org","Lee, ""Jun""\nsecond line"\nb@x.org,B\n');
    expect(rows).toEqual([
      { line: 2, email: 'a@x.org', name: 'Lee, "Jun"\nsecond line' },
      { line: 4, email: 'b@x.org', name: 'B' },
    ]);
    expect(csvRecords('a,"b\n').unterminatedAt).toBe(1);
  });

  it('names every bad row by line, in Korean and English, and returns no rows', () => {
    const found = issues('email,name\nnot-an-email,X\nc@x.org,\nc@x.org,C2\nd@x.org,D,extra\n');
    expect(found.map((i) => i.line)).toEqual([2, 3, 4, 5]);
    expect(found[0].message.ko).toContain('2번째 줄');
    expect(found[0].message.en).toContain('Line 2');
    expect(found[2].message.en).toContain('already on line 3');
  });

  it('refuses a missing header column, an empty file, an unclosed quote', () => {
    expect(issues('mail,name\na@x.org,A\n')[0].message.en).toContain('no email column');
    expect(issues('')[0].message.en).toContain('empty');
    expect(issues('email,name\n"a@x.org,A\n')[0]).toMatchObject({ line: 2 });
  });

  it('is bounded: too many rows or bytes is one clear problem, and the issue list is capped', () => {
    const many = 'email,name\n' + Array.from({ length: ROSTER_MAX_ROWS + 1 }, (_, i) => `u${i}@x.org,U`).join('\n');
    expect(issues(many)[0].message.en).toContain(`at most ${ROSTER_MAX_ROWS}`);
    const big = 'email,name\n' + 'a@x.org,' + 'x'.repeat(ROSTER_MAX_BYTES);
    expect(issues(big)[0].message.en).toContain('too large');
    const bad = 'email,name\n' + Array.from({ length: 200 }, () => 'bad,X').join('\n');
    const capped = issues(bad);
    expect(capped.length).toBe(51);
    expect(capped[50].message.en).toContain('150 more');
  });
});
