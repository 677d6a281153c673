import { variantFor } from '../../core/labs/variant.ts';
import { startLocal } from '../../functions/local/server.ts';
import { recordingMetrics } from '../../functions/observability/metrics.ts';
import type { Figure } from './report.ts';
import { percentile, round } from './stats.ts';

const CLASS = 200;
const SINGLES = 20;
const LAB = 'hvm-boot-vtx';

/**
 * `deadline-burst`: grading lag (queued → graded, the grader's own GradingLag metric) when a class of 200 submits in
 * the same instant, as a ratio of the lag of a single submission on an idle stack — the local stack (dynalite in
 * memory, the in-process queue, the real grader). docs/capacity.md sizes AWS for the same burst.
 */
export async function deadlineBurstBench(): Promise<Figure[]> {
  const users = Array.from({ length: CLASS }, (_, i) => ({
    id: `burst-${String(i + 1).padStart(3, '0')}`,
    name: `Burst ${i + 1}`,
    roles: ['learner' as const],
  }));
  const metrics = recordingMetrics();
  const stack = await startLocal({
    port: 0,
    inMemory: true,
    users,
    config: { rateLimits: { submit: { limit: 1_000, windowSeconds: 1 } } } as never,
    grading: (deps) => ({ ...deps, metrics }),
  });
  try {
    const tokens = await Promise.all(users.map(async ({ id }) => (await stack.deps.auth.issueLocalToken!(id))!));
    const lab = stack.deps.course.labs.find((l) => l.id === LAB)!;
    const submit = async (token: string, learnerId: string) => {
      const res = await fetch(`${stack.url}/api/labs/${LAB}/submissions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ config: variantFor(lab, learnerId).reference }),
      });
      if (res.status !== 202) throw new Error(`submit: ${res.status} ${await res.text()}`);
    };
    // The baseline: one submission at a time, each graded before the next.
    for (let i = 0; i < SINGLES; i++) {
      await submit(tokens[i], users[i].id);
      await stack.queue.idle();
    }
    const single = metrics.samples.splice(0).map((s) => s.lagMs);
    // The burst: the whole class at once.
    await Promise.all(tokens.map((token, i) => submit(token, users[i].id)));
    await stack.queue.idle();
    const burst = metrics.samples.map((s) => s.lagMs);
    if (burst.length !== CLASS) throw new Error(`burst: ${burst.length} of ${CLASS} graded`);
    const singleP95 = Math.max(1, percentile(single, 95));
    const burstP95 = percentile(burst, 95);
    const ratio = round(burstP95 / singleP95, 1);
    return [
      {
        id: 'deadline-burst',
        what: `grading lag p95, ${CLASS} submissions at once (p50 ${round(percentile(burst, 50), 0)} ms, max ${round(Math.max(...burst), 0)} ms) vs one at a time`,
        value: round(burstP95, 0),
        unit: 'ms (lag p95)',
        baseline: { what: `one submission at a time (${SINGLES}), lag p95`, value: round(singleP95, 0), unit: 'ms' },
        ratio,
        target: `burst p95 ≤ ${CLASS} × single p95, and ≤ 30 s (the GradingLagAlarm)`,
        met: burstP95 <= CLASS * singleP95 && burstP95 <= 30_000,
      },
    ];
  } finally {
    await stack.stop();
  }
}
