import { api, sleep } from './client.ts';
import { enhanceHints } from './hints.ts';

/** The result page: hints one at a time, and while the submission is still being graded, wait for it and reload. */
enhanceHints(document);

const pending = document.querySelector<HTMLElement>('[data-pending-submission]');
if (pending) {
  const id = pending.dataset.pendingSubmission ?? '';
  void (async () => {
    for (let i = 0; i < 180; i++) {
      await sleep(1000);
      const res = await api<{ status: string }>(`/api/submissions/${encodeURIComponent(id)}`).catch(() => undefined);
      if (res?.ok && (res.body.status === 'graded' || res.body.status === 'failed')) {
        location.reload();
        return;
      }
    }
  })();
}
