import * as z from 'zod';
import { en as enLocaleOf, ko as koLocaleOf } from 'zod/locales';
import { msg } from '../i18n.ts';
import { bilingual, formatPath } from '../validation.ts';

const en = enLocaleOf().localeError;
const ko = koLocaleOf().localeError;

type Issue = z.core.$ZodIssue;
const say = (locale: typeof en, issue: Issue): string => {
  const out = locale(issue as never);
  return (typeof out === 'string' ? out : out?.message) ?? issue.message;
};

/**
 * A workload operation is an object with one naming key (`login: alice`, `send: {…}`). A plain union would answer
 * "invalid input" for any mistake; this one finds the option the op names by its key and reports that option's
 * first problem, with the field, in both languages.
 */
export function opUnion<const T extends readonly [z.ZodObject, ...z.ZodObject[]]>(keys: readonly string[], options: T) {
  return z.union(options, {
    error: (iss) => {
      if (iss.code !== 'invalid_union') return undefined;
      const input = iss.input;
      const i = input && typeof input === 'object' ? keys.findIndex((k) => k in input) : -1;
      const nested = i < 0 ? undefined : iss.errors[i]?.[0];
      if (!nested) {
        return bilingual(
          msg(
            `연산은 다음 키 중 하나로 시작합니다: ${keys.join(', ')}`,
            `An operation is named by one of these keys: ${keys.join(', ')}`,
          ),
        );
      }
      const where = formatPath(nested.path);
      return bilingual(
        msg(
          `${keys[i]} 연산${where ? `의 ${where}` : ''}: ${say(ko, nested)}`,
          `${keys[i]} operation${where ? `, ${where}` : ''}: ${say(en, nested)}`,
        ),
      );
    },
  });
}

/** The op of a union named by `key` (`OpNamed<DesktopOp, 'login'>` is the login op). */
export type OpNamed<O, K extends string> = Extract<O, Record<K, unknown>>;

/** Whether `op` is the one named by `key`. */
export const isOpNamed = <O extends object, K extends string>(op: O, key: K): op is OpNamed<O, K> => key in op;

/** A simulator's table of op handlers: one per op kind, each taking the run's state and the op of its kind. */
export type OpHandlers<R, O, K extends string> = { [P in K]: (run: R, op: OpNamed<O, P>) => void };

function applyIf<R, O extends object, K extends string, P extends K>(
  handlers: OpHandlers<R, O, K>,
  kind: P,
  run: R,
  op: O,
): boolean {
  if (!isOpNamed(op, kind)) return false;
  const handle: (run: R, op: OpNamed<O, P>) => void = handlers[kind];
  handle(run, op);
  return true;
}

/** Run the handler of the op's kind (`kinds`: the keys that name the ops). */
export const dispatch = <R, O extends object, K extends string>(
  kinds: readonly K[],
  handlers: OpHandlers<R, O, K>,
  run: R,
  op: O,
): void => {
  kinds.some((kind) => applyIf(handlers, kind, run, op));
};
