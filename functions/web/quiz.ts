import type { QuizResult } from '../../core/content/quiz.ts';
import { api, pageLang, textIn, uiStrings } from './client.ts';

/**
 * The lesson's self-check: answers are checked on the server (the same route the form posts to without scripts)
 * and the verdict and explanation are shown under each question without leaving the page. When the check fails
 * (offline, or the server refused), the quiz says so and stays usable for another try.
 */

function answersOf(form: HTMLFormElement): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (const fs of Array.from(form.querySelectorAll<HTMLFieldSetElement>('fieldset[data-question]'))) {
    const id = fs.dataset.question!;
    const chosen = Array.from(fs.querySelectorAll<HTMLInputElement>('input:checked')).map((i) => i.value);
    if (!chosen.length) continue;
    answers[id] = fs.dataset.kind === 'multiple' ? chosen : chosen[0];
  }
  return answers;
}

function show(form: HTMLFormElement, result: QuizResult): void {
  const t = uiStrings();
  for (const r of result.results) {
    const fs = form.querySelector<HTMLFieldSetElement>(`fieldset[data-question="${CSS.escape(r.id)}"]`);
    const box = fs?.querySelector<HTMLElement>('[data-role="feedback"]');
    if (!box) continue;
    box.hidden = false;
    if (!r.answered) {
      // A blank question is not judged: no verdict, no answer, no explanation.
      box.className = 'feedback pending';
      const ask = document.createElement('p');
      ask.textContent = t.quizUnanswered;
      box.replaceChildren(ask);
      continue;
    }
    box.className = `feedback ${r.correct ? 'ok' : 'bad'}`;
    const verdict = document.createElement('strong');
    verdict.textContent = r.correct ? t.quizCorrect : t.quizWrong;
    const why = document.createElement('p');
    why.textContent = r.explanation;
    box.replaceChildren(verdict, why);
  }
  const score = form.querySelector<HTMLElement>('[data-role="quiz-score"]');
  if (score)
    score.textContent = t.quizScoreTemplate
      .replace('{right}', String(result.score.correct))
      .replace('{answered}', String(result.score.answered))
      .replace('{total}', String(result.score.total));
}

/** The error under the quiz; an empty text hides it. */
function showError(form: HTMLFormElement, text: string): void {
  const box = form.querySelector<HTMLElement>('[data-role="quiz-error"]');
  if (!box) return;
  box.textContent = text;
  box.hidden = !text;
}

for (const form of Array.from(document.querySelectorAll<HTMLFormElement>('form[data-quiz]'))) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const answers = answersOf(form);
    // Checking a blank quiz would only say "not answered" everywhere: ask for an answer instead of a round trip.
    if (Object.keys(answers).length === 0) return showError(form, uiStrings().quizNothingChosen);
    const res = await api<QuizResult>(form.action, { method: 'POST', body: JSON.stringify(answers) }).catch(
      () => undefined,
    );
    if (res?.ok) {
      showError(form, '');
      show(form, res.body);
    } else showError(form, textIn(res?.body.error?.message, pageLang()) || uiStrings().quizFailed);
  });
}
