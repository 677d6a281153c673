import type { Child } from 'hono/jsx';

/**
 * Page parts more than one page draws the same way: a scrolling data table and the fields and buttons of the
 * forms that post to the API (teacher.js fills the status).
 */

/** A column header whose cell carries `data-*` attributes too (a gradebook's lab columns name their lab). */
export class ColumnHeader {
  constructor(
    readonly content: Child,
    readonly data: Readonly<Record<`data-${string}`, string>>,
  ) {}
}

/**
 * A data table whose wide content scrolls; the region takes the focus so the keyboard can scroll it too. The region
 * is named by `label`, or by the element `labelledBy` names (a section heading already saying it).
 * `children` are the body rows; `foot` the optional footer rows.
 */
export function DataTable({
  label,
  labelledBy,
  testId,
  tableClass,
  headers,
  foot,
  children,
}: ({ label: string; labelledBy?: undefined } | { label?: undefined; labelledBy: string }) & {
  testId?: string;
  tableClass?: string;
  headers: readonly (Child | ColumnHeader)[];
  foot?: Child;
  children?: Child;
}) {
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label={label} aria-labelledby={labelledBy}>
      <table class={tableClass} data-testid={testId}>
        <thead>
          <tr>
            {headers.map((h) =>
              h instanceof ColumnHeader ? (
                <th scope="col" {...h.data}>
                  {h.content}
                </th>
              ) : (
                <th scope="col">{h}</th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
        {foot ? <tfoot>{foot}</tfoot> : null}
      </table>
    </div>
  );
}

/** A required whole-number score field, 0 to 100. */
export function ScoreField({ id, label, value }: { id: string; label: string; value: number }) {
  return (
    <div>
      <label for={id}>{label}</label>
      <input id={id} name="score" type="number" min={0} max={100} step={1} required value={String(value)} />
    </div>
  );
}

/** A required one-line text field (a comment or a reply). */
export function TextField({
  id,
  name,
  label,
  maxlength,
  value,
}: {
  id: string;
  name: string;
  label: string;
  maxlength: number;
  value?: string;
}) {
  return (
    <div>
      <label for={id}>{label}</label>
      <input id={id} name={name} type="text" size={40} maxlength={maxlength} required value={value} />
    </div>
  );
}

/** A form's submit button and the live status the API client writes into. */
export function SubmitWithStatus({ label, primary = false }: { label: string; primary?: boolean }) {
  return (
    <>
      <button type="submit" class={primary ? 'primary' : 'secondary'}>
        {label}
      </button>{' '}
      <span data-role="status" role="status"></span>
    </>
  );
}
