import * as z from 'zod';
import { msg, type Msg } from '../i18n.ts';
import { bilingual } from '../validation.ts';
import type { StaffRole } from './roles.ts';
import type { Submission } from './submission.ts';

/**
 * A learner's request that staff look at a graded submission again, and staff's answer. One request per
 * submission (a later attempt is a new submission and may have its own): `open` until a staff role that may
 * `grade` accepts it (with a score, which becomes the submission's override) or rejects it, both with a reply.
 * Answered requests are final; the table of handlers below is the whole state machine.
 */
export const REGRADE_REQUEST_STATES = ['open', 'accepted', 'rejected'] as const;
export type RegradeRequestState = (typeof REGRADE_REQUEST_STATES)[number];

/** A message or reply is kept under this many characters (bounded storage, and a page that stays readable). */
export const REGRADE_TEXT_MAX = 1000;
/** The open requests one queue page lists, oldest first. */
export const REGRADE_QUEUE_MAX = 100;

const text = (what: Msg) =>
  z
    .string()
    .trim()
    .min(1, { error: bilingual(msg(`${what.ko}을(를) 적어 주세요.`, `Write a ${what.en}.`)) })
    .max(REGRADE_TEXT_MAX, {
      error: bilingual(
        msg(
          `${what.ko}은(는) ${REGRADE_TEXT_MAX}자 이하여야 합니다.`,
          `The ${what.en} must be at most ${REGRADE_TEXT_MAX} characters.`,
        ),
      ),
    });

/** The learner's request body. */
export const RegradeAskSchema = z.object({ message: text(msg('요청 내용', 'message')) });
export type RegradeAsk = z.infer<typeof RegradeAskSchema>;

/** Staff's answer body: accept with the score that replaces the grade, or reject; a reply either way. */
export const RegradeAnswerSchema = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('accept'),
    score: z.number().int().min(0).max(100),
    reply: text(msg('답변', 'reply')),
  }),
  z.object({ decision: z.literal('reject'), reply: text(msg('답변', 'reply')) }),
]);
export type RegradeAnswer = z.infer<typeof RegradeAnswerSchema>;

export interface RegradeRequestReply {
  by: string;
  role: StaffRole;
  at: string;
  reply: string;
  /** The score given on acceptance (also stored as the submission's override). */
  score?: number;
}

export interface RegradeRequest {
  submissionId: string;
  courseId: string;
  labId: string;
  learnerId: string;
  state: RegradeRequestState;
  message: string;
  askedAt: string;
  /** The submission's counting score when asked, so the thread shows what was disputed. */
  scoreAsked?: number;
  answer?: RegradeRequestReply;
}

/**
 * Why a learner may not ask about this submission, or undefined when they may: `forbidden` for who is asking and
 * where, `not_graded` (a conflict with the submission's state: it may pass once graded).
 */
export function whyNoRegradeRequest(
  sub: Submission,
  learnerId: string,
): { reason: 'forbidden' | 'not_graded'; text: Msg } | undefined {
  if (sub.learnerId !== learnerId) {
    return {
      reason: 'forbidden',
      text: msg(
        '자기 제출에만 재채점을 요청할 수 있습니다.',
        'You can ask for a regrade of your own submissions only.',
      ),
    };
  }
  if (!sub.courseId) {
    return {
      reason: 'forbidden',
      text: msg(
        '강좌 밖에서 한 제출은 재채점을 요청할 수 없습니다.',
        'A submission made outside a course has no staff to ask.',
      ),
    };
  }
  if (sub.status !== 'graded') {
    return {
      reason: 'not_graded',
      text: msg('채점이 끝난 제출에만 재채점을 요청할 수 있습니다.', 'Only a graded submission can be disputed.'),
    };
  }
  return undefined;
}

/** What may happen to a request; each state lists the events it handles (none for an answered one). */
export type RegradeRequestEvent =
  | { kind: 'accept'; by: string; role: StaffRole; at: string; reply: string; score: number }
  | { kind: 'reject'; by: string; role: StaffRole; at: string; reply: string };

type Handler = (req: RegradeRequest, event: RegradeRequestEvent) => RegradeRequest;
const answered =
  (state: RegradeRequestState): Handler =>
  (req, e) => ({
    ...req,
    state,
    answer: { by: e.by, role: e.role, at: e.at, reply: e.reply, ...(e.kind === 'accept' ? { score: e.score } : {}) },
  });

const HANDLERS: Record<RegradeRequestState, Partial<Record<RegradeRequestEvent['kind'], Handler>>> = {
  open: { accept: answered('accepted'), reject: answered('rejected') },
  accepted: {},
  rejected: {},
};

/** The request after `event`, or undefined when its state does not handle that event (it was answered already). */
export function applyRegradeEvent(req: RegradeRequest, event: RegradeRequestEvent): RegradeRequest | undefined {
  return HANDLERS[req.state][event.kind]?.(req, event);
}

export const REGRADE_REQUEST_ANSWERED = msg(
  '이 재채점 요청에는 이미 답변했습니다.',
  'This regrade request has already been answered.',
);
