import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Lab } from '../../core/labs/lab-schema.ts';
import { variantFor } from '../../core/labs/variant.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import type { Figure } from './report.ts';
import { percentile, round } from './stats.ts';

interface Timed {
  clientMs: number;
  recordedMs: number;
}

async function submitAndWait(stack: LocalStack, token: string, learnerId: string, lab: Lab): Promise<Timed> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const started = performance.now();
  const config = variantFor(lab, learnerId).reference;
  const res = await fetch(`${stack.url}/api/labs/${lab.id}/submissions`, { method: 'POST', headers, body: JSON.stringify({ config }) });
  if (res.status !== 202) throw new Error(`submit: ${res.status} ${await res.text()}`);
  const { submissionId } = (await res.json()) as { submissionId: string };
  for (;;) {
    const poll = await fetch(`${stack.url}/api/submissions/${submissionId}`, { headers });
    const s = (await poll.json()) as { status: string; queuedAt: string; gradedAt?: string };
    if (s.status === 'graded' || s.status === 'failed') {
      const clientMs = performance.now() - started;
      return { clientMs, recordedMs: Date.parse(s.gradedAt!) - Date.parse(s.queuedAt) };
    }
    await new Promise((r) => setTimeout(r, 1));
  }
}

/**
 * 2. Local end-to-end latency, submit → graded, at concurrency 1 and 20: from the submission's recorded timestamps
 * and as a client polling for the result sees it.
 */
export interface BenchLearner {
  id: string;
  token: string;
}

export async function latencyBench(stack: LocalStack, learners: BenchLearner[], lab: Lab, perLevel = 200): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const concurrency of [1, 20]) {
    const results: Timed[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        while (next < perLevel) {
          next++;
          const learner = learners[worker % learners.length];
          results.push(await submitAndWait(stack, learner.token, learner.id, lab));
        }
      }),
    );
    const recorded = results.map((r) => r.recordedMs);
    const client = results.map((r) => r.clientMs);
    const p95 = round(percentile(client, 95), 1);
    figures.push({
      id: '2',
      what: `submit → graded, concurrency ${concurrency}: client p50 ${round(percentile(client, 50), 1)} ms; recorded p50 ${round(percentile(recorded, 50), 1)} / p95 ${round(percentile(recorded, 95), 1)} ms`,
      value: p95,
      unit: 'ms (client p95)',
      target: 'p95 ≤ 50 ms',
      met: p95 <= 50 && percentile(recorded, 95) <= 50,
    });
  }
  return figures;
}

/** Counts every DynamoDB command the client sends, by name. */
export function countCommands(doc: DynamoDBDocumentClient): { counts: Map<string, number>; reset(): void } {
  const counts = new Map<string, number>();
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? 'unknown';
      counts.set(name, (counts.get(name) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'benchCommandCounter' },
  );
  return { counts, reset: () => counts.clear() };
}

const READS = new Set(['GetItemCommand', 'GetCommand', 'QueryCommand', 'BatchGetItemCommand', 'BatchGetCommand']);
const WRITES = new Set(['PutItemCommand', 'PutCommand', 'UpdateItemCommand', 'UpdateCommand', 'DeleteItemCommand', 'DeleteCommand', 'BatchWriteItemCommand', 'BatchWriteCommand']);
const SCANS = new Set(['ScanCommand']);

/**
 * 5. DynamoDB operations per submission, counted on the client: `n` submissions run to graded, with the counter
 * active from the POST to the final poll (client polls excluded: they are reads a product need not make).
 */
export async function operationsBench(stack: LocalStack, doc: DynamoDBDocumentClient, learner: BenchLearner, lab: Lab, n = 20): Promise<Figure[]> {
  const counter = countCommands(doc);
  let reads = 0;
  let writes = 0;
  let scans = 0;
  const headers = { authorization: `Bearer ${learner.token}`, 'content-type': 'application/json' };
  const config = variantFor(lab, learner.id).reference;
  for (let i = 0; i < n; i++) {
    counter.reset();
    const res = await fetch(`${stack.url}/api/labs/${lab.id}/submissions`, { method: 'POST', headers, body: JSON.stringify({ config }) });
    if (res.status !== 202) throw new Error(`submit: ${res.status} ${await res.text()}`);
    // Wait without the API's GET: look at the queue until the grader has finished with it.
    await stack.queue.idle();
    const tally = (set: Set<string>) => [...counter.counts].filter(([k]) => set.has(k)).reduce((s, [, v]) => s + v, 0);
    reads += tally(READS);
    writes += tally(WRITES);
    scans += tally(SCANS);
  }
  const perWrites = round(writes / n, 2);
  return [
    {
      id: '5',
      what: `DynamoDB ops per submission (reads ${round(reads / n, 2)}, scans ${round(scans / n, 2)})`,
      value: perWrites,
      unit: 'writes',
      target: '≤ 4 writes, 0 Scans',
      met: perWrites <= 4 && scans === 0,
    },
  ];
}
