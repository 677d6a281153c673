import { afterEach, describe, expect, it, vi } from 'vitest';
import { correlationId, withCorrelationId } from '../../../functions/observability/correlation.ts';
import { CorrelatedLogger } from '../../../functions/observability/logger.ts';
import { METRIC, METRICS_NAMESPACE, gradingMetrics, newMetrics } from '../../../functions/observability/metrics.ts';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('correlation id', () => {
  it('follows each async context on its own, across awaits', async () => {
    const seen: (string | undefined)[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((id) =>
        withCorrelationId(id, async () => {
          await tick();
          seen.push(correlationId());
          await tick();
          seen.push(correlationId());
        }),
      ),
    );
    expect(seen.sort()).toEqual(['a', 'a', 'b', 'b', 'c', 'c']);
    expect(correlationId()).toBeUndefined();
  });
});

describe('CorrelatedLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  const capture = () => {
    const lines: Record<string, unknown>[] = [];
    const grab = (chunk: unknown) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(grab);
    vi.spyOn(process.stderr, 'write').mockImplementation(grab);
    vi.spyOn(console, 'info').mockImplementation(grab);
    vi.spyOn(console, 'warn').mockImplementation(grab);
    vi.spyOn(console, 'error').mockImplementation(grab);
    return lines;
  };

  it('adds correlation_id inside a context, keeps the caller attributes, and none outside', async () => {
    const log = new CorrelatedLogger({ serviceName: 'test' });
    const lines = capture();
    await Promise.all([
      withCorrelationId('sub-1', async () => {
        await tick();
        log.info('graded', { submissionId: 'sub-1' });
      }),
      withCorrelationId('sub-2', async () => {
        log.warn('slow');
        await tick();
        log.error('crashed', { error: new Error('boom') });
      }),
    ]);
    log.info('outside');
    const by = (message: string) => lines.find((l) => l.message === message);
    expect(by('graded')).toMatchObject({ correlation_id: 'sub-1', submissionId: 'sub-1', service: 'test' });
    expect(by('slow')).toMatchObject({ correlation_id: 'sub-2' });
    expect(by('crashed')).toMatchObject({
      correlation_id: 'sub-2',
      error: expect.objectContaining({ message: 'boom' }),
    });
    expect(by('outside')).toBeDefined();
    expect(by('outside')).not.toHaveProperty('correlation_id');
  });
});

describe('grading metrics (EMF)', () => {
  it('puts lag, duration and counts in the virtlab namespace with the service dimension', () => {
    const m = newMetrics('virtlab-grader');
    const g = gradingMetrics(m);
    g.graded({ lagMs: 1200, durationMs: 80, late: false });
    g.graded({ lagMs: 3400, durationMs: 95, late: true });
    g.failed();
    const emf = m.serializeMetrics() as unknown as {
      _aws: {
        CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
      };
      [key: string]: unknown;
    };
    const [directive] = emf._aws.CloudWatchMetrics;
    expect(directive.Namespace).toBe(METRICS_NAMESPACE);
    expect(directive.Dimensions).toEqual([['service']]);
    expect(emf.service).toBe('virtlab-grader');
    expect(directive.Metrics).toEqual(
      expect.arrayContaining([
        { Name: METRIC.gradingLag, Unit: 'Milliseconds' },
        { Name: METRIC.gradeDuration, Unit: 'Milliseconds' },
        { Name: METRIC.graded, Unit: 'Count' },
        { Name: METRIC.gradedLate, Unit: 'Count' },
        { Name: METRIC.gradingFailed, Unit: 'Count' },
      ]),
    );
    expect(emf[METRIC.gradingLag]).toEqual([1200, 3400]);
    expect(emf[METRIC.gradeDuration]).toEqual([80, 95]);
    expect(emf[METRIC.graded]).toEqual([1, 1]); // CloudWatch sums the list
    expect(emf[METRIC.gradedLate]).toBe(1);
    expect(emf[METRIC.gradingFailed]).toBe(1);
  });

  it('never reports a negative lag (clock skew between API and grader)', () => {
    const m = newMetrics('virtlab-grader');
    gradingMetrics(m).graded({ lagMs: -5, durationMs: -1, late: false });
    const emf = m.serializeMetrics() as unknown as Record<string, unknown>;
    expect(emf[METRIC.gradingLag]).toBe(0);
    expect(emf[METRIC.gradeDuration]).toBe(0);
  });
});
