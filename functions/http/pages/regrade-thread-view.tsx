import { REGRADE_TEXT_MAX, type RegradeRequest } from '../../../core/course/regrade-request.ts';
import { utcDateTime } from '../../../core/i18n.ts';
import type { PageContext } from './layout.tsx';

/**
 * The regrade request of a submission, on its page: the learner's message and staff's answer, the learner's form
 * to ask (when they may) and staff's form to answer (while open). Forms post to the API (teacher.js).
 */
export function RegradeThreadView({
  ctx,
  submissionId,
  request,
  mayAsk,
  mayAnswer,
  score,
}: {
  ctx: PageContext;
  submissionId: string;
  request: RegradeRequest | undefined;
  /** The learner may ask (their graded course submission, no request yet). */
  mayAsk: boolean;
  /** The caller is staff who may grade, and the request is open. */
  mayAnswer: boolean;
  /** The counting score now, the answer form's starting value. */
  score: number | undefined;
}) {
  const { t, lang } = ctx;
  if (!request && !mayAsk) return null;
  const answerAction = `/api/submissions/${encodeURIComponent(submissionId)}/regrade-request/answer`;
  return (
    <section class="card" aria-labelledby="regrade-title" data-testid="regrade-thread">
      <h2 id="regrade-title">{t.regradeTitle}</h2>
      {request ? (
        <>
          <p class="tags">
            <span class={`badge ${request.state === 'open' ? 'info' : request.state === 'accepted' ? 'ok' : 'warn'}`}>
              {t[`regradeState_${request.state}`]}
            </span>
          </p>
          <dl class="thread">
            <dt>
              {t.regradeAsked} · <time datetime={request.askedAt}>{utcDateTime(request.askedAt)[lang]}</time>
              {request.scoreAsked !== undefined ? ` · ${t.scoreAsked} ${request.scoreAsked}` : ''}
            </dt>
            <dd data-testid="regrade-message">{request.message}</dd>
            {request.answer ? (
              <>
                <dt>
                  {t.regradeAnswered} · {request.answer.by} ·{' '}
                  <time datetime={request.answer.at}>{utcDateTime(request.answer.at)[lang]}</time>
                  {request.answer.score !== undefined ? ` · ${request.answer.score}` : ''}
                </dt>
                <dd data-testid="regrade-reply">{request.answer.reply}</dd>
              </>
            ) : null}
          </dl>
        </>
      ) : (
        <form
          data-api-form
          data-reload
          data-method="POST"
          data-action-template={`/api/submissions/${encodeURIComponent(submissionId)}/regrade-request`}
        >
          <p>{t.regradeAskIntro}</p>
          <label for="regrade-message">{t.regradeMessage}</label>
          <textarea id="regrade-message" name="message" rows={4} cols={60} maxlength={REGRADE_TEXT_MAX} required />
          <p>
            <button type="submit" class="primary">
              {t.regradeAskSubmit}
            </button>{' '}
            <span data-role="status" role="status"></span>
          </p>
        </form>
      )}
      {request && mayAnswer ? (
        <div class="inline-forms">
          <form class="inline-form" data-api-form data-reload data-method="PUT" data-action-template={answerAction}>
            <input type="hidden" name="decision" value="accept" />
            <div>
              <label for="regrade-score">{t.overrideScore}</label>
              <input
                id="regrade-score"
                name="score"
                type="number"
                min={0}
                max={100}
                step={1}
                required
                value={String(score ?? 0)}
              />
            </div>
            <div>
              <label for="regrade-accept-reply">{t.regradeReply}</label>
              <input
                id="regrade-accept-reply"
                name="reply"
                type="text"
                size={40}
                maxlength={REGRADE_TEXT_MAX}
                required
              />
            </div>
            <button type="submit" class="primary">
              {t.regradeAccept}
            </button>
            <span data-role="status" role="status"></span>
          </form>
          <form class="inline-form" data-api-form data-reload data-method="PUT" data-action-template={answerAction}>
            <input type="hidden" name="decision" value="reject" />
            <div>
              <label for="regrade-reject-reply">{t.regradeReply}</label>
              <input
                id="regrade-reject-reply"
                name="reply"
                type="text"
                size={40}
                maxlength={REGRADE_TEXT_MAX}
                required
              />
            </div>
            <button type="submit" class="secondary">
              {t.regradeReject}
            </button>
            <span data-role="status" role="status"></span>
          </form>
        </div>
      ) : null}
    </section>
  );
}
