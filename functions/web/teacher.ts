import { api, pollDelayMs, sleep, textIn, pageLang, uiStrings, type ApiResponse, type ApiText } from './client.ts';

/**
 * Teacher actions (override a grade, regrade a lab) are API calls: a form marked `data-api-form` sends its fields
 * as JSON with `data-method` to `data-action-template`, where `{field}` is filled from the form (and left out of
 * the body). Numbers go as numbers, checkboxes as booleans. On success the page reloads to show the new state —
 * except a regrade (`data-regrade`), which is asked to be confirmed first and then only started: its status line
 * follows the job.
 */

/** A regrade job as the API reports it (functions/http/api/teaching.ts). */
interface RegradeJobView {
  state: 'queued' | 'fanning-out' | 'done';
  queued: number;
  graded: number;
  progress: ApiText;
}

/** Polls of one regrade job before the page stops asking (about half an hour at the longest back-off). */
const MAX_JOB_POLLS = 400;
/** The longest wait between two polls: a regrade of a large class takes minutes, not seconds. */
const MAX_JOB_POLL_MS = 5_000;

function errorText(res: ApiResponse<unknown>): string {
  const details = (res.body.error?.details ?? []).map((d) => `${d.path}: ${textIn(d.message, pageLang())}`).join(' · ');
  return [textIn(res.body.error?.message, pageLang()), details].filter(Boolean).join(' — ');
}

/** Follow a job at its Location, with back-off, until every requeued submission is graded again (or we give up). */
async function followJob(location: string, status: HTMLElement): Promise<void> {
  const t = uiStrings();
  for (let asked = 0; asked < MAX_JOB_POLLS; asked++) {
    const res = await api<RegradeJobView>(location).catch(() => undefined);
    if (!res) {
      status.textContent = t.statusNetwork;
      return;
    }
    if (res.ok) {
      status.textContent = textIn(res.body.progress, pageLang());
      if (res.body.state === 'done' && res.body.graded >= res.body.queued) return;
    } else if (res.status !== 429 && res.status < 500) {
      status.textContent = errorText(res);
      return;
    }
    await sleep(pollDelayMs(asked, res.retryAfterMs, MAX_JOB_POLL_MS));
  }
  status.textContent = t.regradeStillRunning;
}

for (const form of Array.from(document.querySelectorAll<HTMLFormElement>('form[data-api-form]'))) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const t = uiStrings();
    const status = form.querySelector<HTMLElement>('[data-role="status"]');
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    const regrade = form.dataset.regrade !== undefined;
    if (regrade) {
      const select = form.querySelector<HTMLSelectElement>('select');
      const lab = select?.selectedOptions[0]?.textContent ?? '';
      if (!window.confirm(t.regradeConfirm.replace('{lab}', lab))) return;
    }
    const used = new Set<string>();
    const path = (form.dataset.actionTemplate ?? '').replace(/\{(\w+)\}/g, (_, name: string) => {
      used.add(name);
      return encodeURIComponent(String(new FormData(form).get(name) ?? ''));
    });
    const body: Record<string, unknown> = {};
    for (const el of Array.from(form.elements) as HTMLInputElement[]) {
      if (!el.name || used.has(el.name)) continue;
      body[el.name] = el.type === 'number' ? Number(el.value) : el.type === 'checkbox' ? el.checked : el.value;
    }
    if (button) button.disabled = true;
    if (status && regrade) status.textContent = t.regradeAsking;
    const res = await api<RegradeJobView>(path, {
      method: form.dataset.method ?? 'POST',
      body: JSON.stringify(body),
    }).catch(() => undefined);
    if (!res) {
      if (button) button.disabled = false;
      if (status) status.textContent = t.statusNetwork;
      return;
    }
    if (!res.ok) {
      if (button) button.disabled = false;
      if (status) status.textContent = errorText(res);
      return;
    }
    if (regrade && status) {
      // Started is not done: show the job's own count, then follow it.
      status.textContent = textIn(res.body.progress, pageLang());
      if (res.location) await followJob(res.location, status);
      if (button) button.disabled = false;
      return;
    }
    if (button) button.disabled = false;
    if (status) status.textContent = t.actionDone;
    if (form.dataset.reload !== undefined) setTimeout(() => location.reload(), 300);
  });
}
