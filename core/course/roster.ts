import { msg, type Msg } from '../i18n.ts';
import { moreIssues, type ConfigIssue } from '../validation.ts';

/**
 * A roster file: CSV in UTF-8 (a byte-order mark is tolerated), a header row naming the columns, then one learner
 * a row. Columns: `email` and `name` (required), `student_id` and `section` (optional); Korean headers (이메일,
 * 이름, 학번, 분반) work too. Parsing is pure and bounded: at most ROSTER_MAX_BYTES and ROSTER_MAX_ROWS, and
 * every problem names its line.
 */
export const ROSTER_MAX_BYTES = 256 * 1024;
export const ROSTER_MAX_ROWS = 1000;
/** Problems reported before the rest are summarized (moreIssues). */
export const ROSTER_MAX_ISSUES = 50;

export interface RosterRow {
  /** The 1-based line of the file the row starts on. */
  line: number;
  /** Lower-cased, trimmed. */
  email: string;
  name: string;
  studentId?: string;
  section?: string;
}

export type RosterParse = { ok: true; rows: RosterRow[] } | { ok: false; issues: ConfigIssue[] };

type Column = 'email' | 'name' | 'studentId' | 'section';
const HEADER_NAMES: Record<string, Column> = {
  email: 'email',
  'e-mail': 'email',
  이메일: 'email',
  name: 'name',
  이름: 'name',
  student_id: 'studentId',
  studentid: 'studentId',
  'student id': 'studentId',
  학번: 'studentId',
  section: 'section',
  분반: 'section',
};

const EMAIL = /^[^\s@",;<>]{1,64}@[^\s@",;<>]+\.[^\s@",;<>]+$/;
const MAX_NAME = 200;
const MAX_FIELD = 64;

const issue = (line: number, path: string, message: Msg): ConfigIssue => ({ line, path, message });
/** A problem with the file as a whole (size, quoting, header, row count): the parse stops at it. */
const fileProblem = (line: number, message: Msg): RosterParse => ({ ok: false, issues: [issue(line, '', message)] });

/** The records of a CSV text with the line each starts on; quoted fields may hold commas, quotes ("") and newlines. */
export function csvRecords(text: string): { records: { line: number; fields: string[] }[]; unterminatedAt?: number } {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let quoteLine = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: start, fields });
      fields = [];
      field = '';
      line++;
      start = line;
    } else field += ch;
  }
  if (quoted) return { records, unterminatedAt: quoteLine };
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: start, fields });
  }
  return { records };
}

/** Parse and check a roster file; all rows or the problems, never half of it. */
export function parseRoster(input: string): RosterParse {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  if (new TextEncoder().encode(text).length > ROSTER_MAX_BYTES) {
    return fileProblem(
      0,
      msg(
        `명단 파일이 너무 큽니다. ${ROSTER_MAX_BYTES / 1024} KiB 이하로 나누어 올리세요.`,
        `The roster file is too large; split it into files of at most ${ROSTER_MAX_BYTES / 1024} KiB.`,
      ),
    );
  }
  const { records, unterminatedAt } = csvRecords(text);
  if (unterminatedAt !== undefined) {
    return fileProblem(
      unterminatedAt,
      msg(
        `${unterminatedAt}번째 줄: 따옴표(")가 닫히지 않았습니다.`,
        `Line ${unterminatedAt}: a quote (") is never closed.`,
      ),
    );
  }
  const nonEmpty = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const [header, ...body] = nonEmpty;
  if (!header) return fileProblem(1, msg('명단 파일이 비어 있습니다.', 'The roster file is empty.'));
  const columns = header.fields.map((f) => HEADER_NAMES[f.trim().toLowerCase()]);
  const missing = (['email', 'name'] as const).filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    return fileProblem(
      header.line,
      msg(
        `${header.line}번째 줄(머리글): ${missing.join(', ')} 열이 없습니다. 머리글은 email,name[,student_id,section] 입니다.`,
        `Line ${header.line} (header): no ${missing.join(', ')} column. The header is email,name[,student_id,section].`,
      ),
    );
  }
  if (body.length > ROSTER_MAX_ROWS) {
    return fileProblem(
      0,
      msg(
        `명단은 한 번에 ${ROSTER_MAX_ROWS}명까지입니다 (${body.length}명). 나누어 올리세요.`,
        `A roster holds at most ${ROSTER_MAX_ROWS} learners at a time (this one has ${body.length}); split it.`,
      ),
    );
  }
  const issues: ConfigIssue[] = [];
  const rows: RosterRow[] = [];
  const seen = new Map<string, number>();
  for (const rec of body) {
    const L = rec.line;
    const value = (c: Column) => {
      const i = columns.indexOf(c);
      return i >= 0 ? (rec.fields[i] ?? '').trim() : '';
    };
    if (rec.fields.length > columns.length) {
      issues.push(
        issue(
          L,
          '',
          msg(
            `${L}번째 줄: 열이 ${rec.fields.length}개로 머리글(${columns.length}개)보다 많습니다.`,
            `Line ${L}: ${rec.fields.length} columns, more than the header's ${columns.length}.`,
          ),
        ),
      );
      continue;
    }
    const email = value('email').toLowerCase();
    const name = value('name');
    const studentId = value('studentId');
    const section = value('section');
    if (!EMAIL.test(email) || email.length > 254) {
      issues.push(
        issue(
          L,
          'email',
          msg(
            `${L}번째 줄: 이메일 주소가 올바르지 않습니다: "${email.slice(0, 80)}"`,
            `Line ${L}: not a valid email address: "${email.slice(0, 80)}"`,
          ),
        ),
      );
    } else if (seen.has(email)) {
      issues.push(
        issue(
          L,
          'email',
          msg(
            `${L}번째 줄: ${email}은(는) ${seen.get(email)}번째 줄에 이미 있습니다.`,
            `Line ${L}: ${email} is already on line ${seen.get(email)}.`,
          ),
        ),
      );
    }
    if (name === '' || name.length > MAX_NAME) {
      issues.push(
        issue(
          L,
          'name',
          msg(
            `${L}번째 줄: 이름은 1자 이상 ${MAX_NAME}자 이하여야 합니다.`,
            `Line ${L}: a name must be 1 to ${MAX_NAME} characters.`,
          ),
        ),
      );
    }
    for (const [col, v] of [
      ['student_id', studentId],
      ['section', section],
    ] as const) {
      if (v.length > MAX_FIELD) {
        issues.push(
          issue(
            L,
            col,
            msg(
              `${L}번째 줄: ${col}은(는) ${MAX_FIELD}자 이하여야 합니다.`,
              `Line ${L}: ${col} must be at most ${MAX_FIELD} characters.`,
            ),
          ),
        );
      }
    }
    if (!seen.has(email)) seen.set(email, L);
    rows.push({ line: L, email, name, ...(studentId ? { studentId } : {}), ...(section ? { section } : {}) });
  }
  if (issues.length > 0) {
    const shown = issues.slice(0, ROSTER_MAX_ISSUES);
    if (issues.length > shown.length) shown.push(moreIssues(issues.length - shown.length));
    return { ok: false, issues: shown };
  }
  return { ok: true, rows };
}
