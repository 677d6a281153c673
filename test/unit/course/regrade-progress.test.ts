import { describe, expect, it } from 'vitest';
import { afterTick, newRegradeJob, regradeProgress } from '../../../core/course/regrade-job.ts';

const job = newRegradeJob({ id: 'J', courseId: 'C', labId: 'L', requestedBy: 't', now: '2026-01-01T00:00:00Z' });

describe('regrade progress', () => {
  it('says a job is waiting before its first tick', () => {
    expect(regradeProgress(job)).toEqual({ ko: '재채점 대기 중', en: 'Regrade waiting to start' });
  });

  it('counts what is queued while pages remain, without calling it finished', () => {
    const p = regradeProgress(afterTick(job, { listed: 40, queued: 37, next: 'x' }, 'now'));
    expect(p.ko).toBe('대기열에 37개 제출을 넣었습니다 (제출 40개 읽음, 계속 중) · 37개 중 0개 채점됨');
    expect(p.en).toBe('Queued 37 submissions (read 40, continuing) · graded 0 of 37');
  });

  it('after the last page, reports graded n of m until every requeued submission is graded again', () => {
    const fannedOut = afterTick(job, { listed: 40, queued: 37 }, 'now');
    expect(fannedOut.state).toBe('done');
    expect(regradeProgress({ ...fannedOut, graded: 5 })).toEqual({
      ko: '대기열에 37개 제출을 넣었습니다 · 37개 중 5개 채점됨',
      en: 'Queued 37 submissions · graded 5 of 37',
    });
    const finished = regradeProgress({ ...fannedOut, graded: 37 });
    expect(finished).toEqual({ ko: '재채점 완료: 37개 중 37개 채점됨', en: 'Regrade finished: graded 37 of 37' });
    for (const p of [regradeProgress({ ...fannedOut, graded: 36 }), regradeProgress(job)])
      expect(`${p.ko} ${p.en}`).not.toMatch(/완료|finished/i);
  });
});
