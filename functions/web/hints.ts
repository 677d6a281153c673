import { uiStrings } from './client.ts';

/**
 * Hints are revealed one at a time: the server renders every hint (so they read without scripts); here they are all
 * hidden and a button shows the next one, moving focus to it for keyboard and screen-reader users. Once every hint
 * is shown, a box that carries `data-reveal-href` offers the answer (the reveal policy's "every hint revealed").
 */
export function enhanceHints(root: ParentNode): void {
  const t = uiStrings();
  for (const box of Array.from(root.querySelectorAll<HTMLElement>('[data-hints]:not([data-enhanced])'))) {
    box.dataset.enhanced = 'true';
    const items = Array.from(box.querySelectorAll<HTMLLIElement>('li'));
    if (!items.length) continue;
    for (const li of items) {
      li.hidden = true;
      li.tabIndex = -1;
    }
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'secondary';
    button.dataset.action = 'show-hint';
    button.textContent = `${t.showHint} (0/${items.length})`;
    button.addEventListener('click', () => {
      const next = items.find((li) => li.hidden);
      if (!next) return;
      next.hidden = false;
      next.focus();
      const shown = items.filter((li) => !li.hidden).length;
      button.textContent = shown === items.length ? t.noMoreHints : `${t.showHint} (${shown}/${items.length})`;
      button.disabled = shown === items.length;
      // Every hint read: the reveal policy now lets the learner see the fix and the expected values.
      const href = box.dataset.revealHref;
      if (shown === items.length && href && !box.querySelector('[data-action="show-answer"]')) {
        const link = document.createElement('a');
        link.href = href;
        link.className = 'button';
        link.dataset.action = 'show-answer';
        link.textContent = t.showAnswer ?? 'Show the answer';
        box.append(link);
      }
    });
    box.append(button);
  }
}
