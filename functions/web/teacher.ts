import { api, textIn, pageLang, uiStrings } from './client.ts';

/**
 * Teacher actions (override a grade, regrade a lab) are API calls: a form marked `data-api-form` sends its fields
 * as JSON with `data-method` to `data-action-template`, where `{field}` is filled from the form (and left out of
 * the body). Numbers go as numbers, checkboxes as booleans. On success the page reloads to show the new state.
 */
for (const form of Array.from(document.querySelectorAll<HTMLFormElement>('form[data-api-form]'))) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const t = uiStrings();
    const status = form.querySelector<HTMLElement>('[data-role="status"]');
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
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
    const res = await api<{ requeued?: number }>(path, {
      method: form.dataset.method ?? 'POST',
      body: JSON.stringify(body),
    }).catch(() => undefined);
    if (button) button.disabled = false;
    if (!res) {
      if (status) status.textContent = t.statusNetwork;
      return;
    }
    if (!res.ok) {
      const details = (res.body.error?.details ?? [])
        .map((d) => `${d.path}: ${textIn(d.message, pageLang())}`)
        .join(' · ');
      if (status)
        status.textContent = [textIn(res.body.error?.message, pageLang()), details].filter(Boolean).join(' — ');
      return;
    }
    if (status) status.textContent = t.actionDone;
    if (form.dataset.reload !== undefined) setTimeout(() => location.reload(), 300);
  });
}
