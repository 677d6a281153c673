import { api, pollDelayMs, sleep } from './client.ts';
import { enhanceHints } from './hints.ts';

/** The result page: hints one at a time, and while the submission is still being graded, wait for it and reload. */
enhanceHints(document);

const pending = document.querySelector<HTMLElement>('[data-pending-submission]');
if (pending) {
  const id = pending.dataset.pendingSubmission ?? '';
  void (async () => {
    // The page was rendered while grading, so start at the back-off's one second; a Retry-After waits longer.
    let wait = pollDelayMs(Infinity);
    for (let i = 0; i < 180; i++) {
      await sleep(wait);
      const res = await api<{ status: string }>(`/api/submissions/${encodeURIComponent(id)}`).catch(() => undefined);
      if (res?.ok && (res.body.status === 'graded' || res.body.status === 'failed')) {
        location.reload();
        return;
      }
      wait = pollDelayMs(Infinity, res?.retryAfterMs);
    }
  })();
}
