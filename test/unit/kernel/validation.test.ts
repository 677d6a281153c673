import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { msg } from '../../../core/i18n.ts';
import { MAX_SHOWN_ISSUES, bilingual, capIssues, formatPath, issue, validate } from '../../../core/validation.ts';
import { parseConfigText } from '../../../core/config-text.ts';

const schema = z.strictObject({
  name: z.string().min(2),
  count: z.number().int().max(10),
  nested: z.strictObject({ items: z.array(z.enum(['a', 'b'])) }),
  checked: z
    .number()
    .refine((n) => n % 2 === 0, { error: bilingual(msg('짝수여야 합니다.', 'Must be even.')) })
    .optional(),
});

describe('validate', () => {
  it('returns the parsed value when valid', () => {
    const v = { name: 'ab', count: 3, nested: { items: ['a'] } };
    expect(validate(schema, v)).toEqual({ ok: true, value: v });
  });

  it('reports every issue with a dotted path, in Korean and English', () => {
    const r = validate(schema, { name: 'a', count: 11.5, nested: { items: ['a', 'c'] } });
    if (r.ok) throw new Error('expected issues');
    expect(r.issues.map((i) => i.path)).toEqual(['name', 'count', 'nested.items[1]']);
    for (const i of r.issues) {
      expect(i.message.en).not.toBe('');
      expect(i.message.ko).not.toBe(i.message.en);
      expect(i.message.ko).toMatch(/[가-힣]/);
    }
  });

  it('reports each unknown key of a strict object (a typo) at the key itself, in both languages', () => {
    const r = validate(schema, { name: 'ab', count: 1, nested: { items: [], itmes: [], iterms: 1 } });
    if (r.ok) throw new Error('expected issues');
    expect(r.issues.map((i) => i.path)).toEqual(['nested.itmes', 'nested.iterms']);
    expect(r.issues[0].message.en).toBe("Unknown key 'itmes': did you mean 'items'?");
    expect(r.issues[0].message.ko).toMatch(/itmes.*items/);
  });

  it('splits custom bilingual messages back into both languages', () => {
    const r = validate(schema, { name: 'ab', count: 1, nested: { items: [] }, checked: 3 });
    if (r.ok) throw new Error('expected issues');
    expect(r.issues).toEqual([{ path: 'checked', message: { ko: '짝수여야 합니다.', en: 'Must be even.' } }]);
  });

  it('formats paths and builds issues', () => {
    expect(formatPath(['guests', 0, 'kernel', 'paravirtualized'])).toBe('guests[0].kernel.paravirtualized');
    expect(formatPath([0, 'a'])).toBe('[0].a');
    expect(formatPath([])).toBe('');
    expect(issue('a.b', msg('가', 'A'))).toEqual({ path: 'a.b', message: { ko: '가', en: 'A' } });
  });

  it('shows at most MAX_SHOWN_ISSUES issues, then "and N more" in both languages', () => {
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`k${i}`, 1]));
    const r = validate(schema, { name: 'ab', count: 1, nested: { items: [] }, ...many });
    if (r.ok) throw new Error('expected issues');
    expect(r.issues).toHaveLength(MAX_SHOWN_ISSUES + 1);
    expect(r.issues[MAX_SHOWN_ISSUES].message.en).toMatch(/and 280 more/);
    expect(r.issues[MAX_SHOWN_ISSUES].message.ko).toMatch(/280개/);
    const items = validate(schema, { name: 'ab', count: 1, nested: { items: Array(50).fill('z') } });
    if (items.ok) throw new Error('expected issues');
    expect(items.issues.at(-1)!.message.en).toMatch(/and 30 more/);
    expect(capIssues(Array(MAX_SHOWN_ISSUES).fill(issue('', msg('x', 'x'))))).toHaveLength(MAX_SHOWN_ISSUES);
  });

  it.each(['.inf', '-.inf', '.nan', '1e309', '-2.5e400'])('explains %s as a number that is not finite', (text) => {
    const parsed = parseConfigText(`name: ab\ncount: ${text}\nnested: { items: [] }\n`);
    if (!parsed.ok) throw new Error('expected it to parse');
    const r = validate(schema, parsed.value);
    if (r.ok) throw new Error('expected an issue');
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].path).toBe('count');
    expect(r.issues[0].message.en).toMatch(/finite number/);
    expect(r.issues[0].message.ko).toMatch(/유한한 수/);
    expect(r.issues[0].message.en).not.toMatch(/received number/);
  });
});
