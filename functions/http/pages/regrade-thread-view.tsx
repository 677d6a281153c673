import { REGRADE_TEXT_MAX, type RegradeRequest } from '../../../core/course/regrade-request.ts';
import { utcDateTime } from '../../../core/i18n.ts';
import type { Child } from 'hono/jsx';
import { ScoreField, SubmitWithStatus, TextField } from './components.tsx';
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
            <SubmitWithStatus label={t.regradeAskSubmit} primary />
          </p>
        </form>
      )}
      {request && mayAnswer ? (
        <div class="inline-forms">
          <AnswerForm action={answerAction} decision="accept" reply={t.regradeReply} submit={t.regradeAccept} primary>
            <ScoreField id="regrade-score" label={t.overrideScore} value={score ?? 0} />
          </AnswerForm>
          <AnswerForm action={answerAction} decision="reject" reply={t.regradeReply} submit={t.regradeReject} />
        </div>
      ) : null}
    </section>
  );
}

/** Staff's answer to an open request: accept (with the new score, the fields before the reply) or reject. */
function AnswerForm({
  action,
  decision,
  reply,
  submit,
  primary = false,
  children,
}: {
  action: string;
  decision: 'accept' | 'reject';
  /** The reply field's label. */
  reply: string;
  submit: string;
  primary?: boolean;
  children?: Child;
}) {
  return (
    <form class="inline-form" data-api-form data-reload data-method="PUT" data-action-template={action}>
      <input type="hidden" name="decision" value={decision} />
      {children}
      <TextField id={`regrade-${decision}-reply`} name="reply" label={reply} maxlength={REGRADE_TEXT_MAX} />
      <SubmitWithStatus label={submit} primary={primary} />
    </form>
  );
}
