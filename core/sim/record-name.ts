import * as z from 'zod';
import { msg } from '../i18n.ts';
import { bilingual } from '../validation.ts';

/**
 * A name that becomes a record key in a simulator's state (`vnfs.fw1.status`, `sessions.alice.state`): no dots,
 * slashes or spaces, so a grader can address it in a dotted path.
 */
export const RecordName = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, {
  error: bilingual(
    msg(
      '이름은 영문자로 시작하고 영문자, 숫자, -, _만 쓸 수 있습니다 (최대 40자).',
      'A name starts with a letter and uses only letters, digits, - and _ (at most 40).',
    ),
  ),
});
