import type { EditorState } from '@codemirror/state';
import { keymap } from '@codemirror/view';
import { linter, lintGutter, forceLinting, type Diagnostic } from '@codemirror/lint';
import type { ConfigFormat } from '../../core/config-text.ts';
import { configEditor } from './code-editor.ts';
import { api, pageLang, pollDelayMs, sleep, textIn, uiStrings, type ApiIssue } from './client.ts';
import { enhanceHints } from './hints.ts';
import { draftStore } from './drafts.ts';

/**
 * The lab editor: CodeMirror with YAML/JSON highlighting, validation errors shown at their line while the learner
 * types (the API's validate route), and submission without reloading: the status follows the grading live and the
 * server-rendered result is put under the editor when it is ready.
 */

interface SubmissionView {
  id: string;
  status: 'queued' | 'grading' | 'graded' | 'failed';
  result?: { gradable: boolean; score: number };
}

const POLL_LIMIT_MS = 90_000;

function issuesToDiagnostics(state: EditorState, issues: ApiIssue[]): Diagnostic[] {
  const lang = pageLang();
  return issues.map((i) => {
    const line = state.doc.line(Math.min(Math.max(i.line ?? 1, 1), state.doc.lines));
    const where = i.path ? `${i.path}: ` : '';
    return {
      from: line.from,
      to: line.to,
      severity: 'error',
      message: where + textIn(i.message, lang),
      source: 'virtlab',
    };
  });
}

function mount(root: HTMLElement): void {
  const t = uiStrings();
  const labId = root.dataset.labId ?? '';
  const textarea = root.querySelector<HTMLTextAreaElement>('textarea[name="config"]')!;
  const formatSelect = root.querySelector<HTMLSelectElement>('select[name="format"]')!;
  const status = root.querySelector<HTMLElement>('[data-role="status"]')!;
  const issuesList = root.querySelector<HTMLElement>('[data-role="issues"]')!;
  const resultSlot = document.querySelector<HTMLElement>('[data-role="result-slot"]')!;
  const submitButton = root.querySelector<HTMLButtonElement>('[data-action="submit"]')!;
  const resetButton = root.querySelector<HTMLButtonElement>('[data-action="reset"]');
  const starter = textarea.defaultValue;

  const drafts = draftStore(
    (() => {
      try {
        return window.localStorage;
      } catch {
        return undefined; // storage disabled: no drafts
      }
    })(),
    root.dataset.draftKey ?? labId,
  );
  const draft = root.dataset.draftKey ? drafts.load() : undefined;
  if (draft) {
    textarea.value = draft.text;
    formatSelect.value = draft.format;
  }

  let format: ConfigFormat = formatSelect.value === 'json' ? 'json' : 'yaml';
  const keepDraft = () => {
    if (root.dataset.draftKey) drafts.save({ text: view.state.doc.toString(), format }, starter);
  };
  // Errors from the last submission stay until the text changes; the live linter adds its own.
  let submitIssues: ApiIssue[] = [];

  const validate = linter(
    async (view) => {
      const config = view.state.doc.toString();
      if (!config.trim()) return [];
      const res = await api<{ valid: boolean; errors: ApiIssue[] }>(`/api/labs/${encodeURIComponent(labId)}/validate`, {
        method: 'POST',
        body: JSON.stringify({ config, format }),
      }).catch(() => undefined);
      if (!res || view.state.doc.toString() !== config) return [];
      const issues = res.ok ? (res.body.errors ?? []) : (res.body.error?.details ?? []);
      showIssues(issues);
      return issuesToDiagnostics(view.state, [...issues, ...submitIssues]);
    },
    { delay: 600 },
  );

  const editor = configEditor(textarea, {
    format,
    label: t.editorLabel,
    attributes: { 'aria-describedby': issuesList.id, 'data-testid': 'config-editor' },
    extensions: [
      // Ctrl/Cmd+Enter submits from the keyboard without leaving the editor.
      keymap.of([{ key: 'Mod-Enter', run: () => (submitButton.click(), true) }]),
      lintGutter(),
      validate,
    ],
    onChange: () => {
      submitIssues = [];
      keepDraft();
    },
  });
  const { view } = editor;
  if (draft && draft.text !== starter) setStatus(t.draftRestored);

  formatSelect.addEventListener('change', () => {
    format = formatSelect.value === 'json' ? 'json' : 'yaml';
    editor.setFormat(format);
    keepDraft();
    forceLinting(view);
  });

  resetButton?.addEventListener('click', () => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: starter } });
    view.focus();
  });

  function showIssues(issues: ApiIssue[]): void {
    issuesList.replaceChildren(
      ...issues.map((i) => {
        const li = document.createElement('li');
        const line = i.line ? `${t.line} ${i.line} · ` : '';
        li.textContent = `${line}${i.path ? `${i.path}: ` : ''}${textIn(i.message, pageLang())}`;
        return li;
      }),
    );
  }

  function setStatus(text: string, busy = false, tone: '' | 'ok' | 'bad' = ''): void {
    status.className = `status ${tone}`.trim();
    status.replaceChildren();
    if (busy) {
      const s = document.createElement('span');
      s.className = 'spinner';
      s.setAttribute('aria-hidden', 'true');
      status.append(s);
    }
    status.append(document.createTextNode(text));
  }

  /**
   * The session ended (a 401 the server could not renew): the draft is kept, and the learner signs in again and
   * comes back to this page, where the draft is restored.
   */
  function askToSignInAgain(): void {
    keepDraft();
    setStatus(t.sessionEnded, false, 'bad');
    const link = document.createElement('a');
    link.href = `/login?next=${encodeURIComponent(location.pathname + location.search)}`;
    link.textContent = t.signInAgain;
    link.dataset.testid = 'sign-in-again';
    status.append(' ', link);
  }

  async function showResult(id: string): Promise<void> {
    const res = await fetch(`/submissions/${encodeURIComponent(id)}/fragment`, { credentials: 'same-origin' });
    if (!res.ok) return;
    const holder = document.createElement('div');
    holder.innerHTML = await res.text(); // Server-rendered, escaped HTML from this origin.
    resultSlot.replaceChildren(...Array.from(holder.childNodes));
    enhanceHints(resultSlot);
    resultSlot.querySelector<HTMLElement>('h2')?.focus();
  }

  /** The page's best-score badge follows a better grade at once, without a reload (it never goes down here). */
  function raiseBestBadge(score: number): void {
    const badge = document.querySelector<HTMLElement>('[data-testid="best-score"]');
    if (!badge) return;
    const best = badge.dataset.score === undefined ? undefined : Number(badge.dataset.score);
    if (best !== undefined && best >= score) return;
    badge.dataset.score = String(score);
    badge.className = `badge ${score >= 100 ? 'ok' : 'bad'}`;
    badge.textContent = `${t.bestScore} ${score}%`;
  }

  async function follow(id: string): Promise<void> {
    const started = Date.now();
    for (let asked = 0; Date.now() - started < POLL_LIMIT_MS; asked++) {
      const res = await api<SubmissionView>(`/api/submissions/${encodeURIComponent(id)}`).catch(() => undefined);
      if (res?.status === 401) return askToSignInAgain();
      const s = res?.ok ? res.body : undefined;
      if (s?.status === 'graded') {
        const score = s.result && s.result.gradable ? ` · ${s.result.score}%` : '';
        setStatus(`${t.statusGraded}${score}`, false, s.result && s.result.score === 100 ? 'ok' : 'bad');
        if (s.result?.gradable) raiseBestBadge(s.result.score);
        await showResult(id);
        return;
      }
      if (s?.status === 'failed') {
        setStatus(t.statusFailed, false, 'bad');
        return;
      }
      setStatus(s?.status === 'grading' ? t.statusGrading : t.statusQueued, true);
      await sleep(pollDelayMs(asked, res?.retryAfterMs));
    }
    setStatus(t.statusNetwork, false, 'bad');
  }

  submitButton.addEventListener('click', async () => {
    submitButton.disabled = true;
    setStatus(t.statusQueued, true);
    try {
      const res = await api<{ submissionId: string }>(`/api/labs/${encodeURIComponent(labId)}/submissions`, {
        method: 'POST',
        headers: { 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({
          config: view.state.doc.toString(),
          format,
          ...(root.dataset.courseId ? { courseId: root.dataset.courseId } : {}),
        }),
      });
      if (res.status === 401) {
        askToSignInAgain();
      } else if (res.status === 429) {
        setStatus(t.statusRateLimited, false, 'bad');
      } else if (!res.ok) {
        submitIssues = res.body.error?.details ?? [];
        showIssues(submitIssues);
        setStatus(
          submitIssues.length ? t.statusInvalid : textIn(res.body.error?.message, pageLang()) || t.statusNetwork,
          false,
          'bad',
        );
        forceLinting(view);
      } else {
        await follow(res.body.submissionId);
      }
    } catch {
      setStatus(t.statusNetwork, false, 'bad');
    } finally {
      submitButton.disabled = false;
    }
  });
}

const root = document.querySelector<HTMLElement>('[data-lab-editor]');
if (root) mount(root);
