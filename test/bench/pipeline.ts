import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Lab } from '../../core/labs/lab-schema.ts';
import { variantFor } from '../../core/labs/variant.ts';
import type { LocalStack } from '../../functions/local/server.ts';
import type { Figure } from './report.ts';
import { percentile, round } from './stats.ts';

/** How often a waiting client asks for its result (the lab page starts at 50 ms and backs off; a fixed 20 ms shows the pipeline). */
const POLL_MS = 20;

export interface BenchLearner {
  id: string;
  token: string;
}

async function post(stack: LocalStack, learner: BenchLearner, lab: Lab): Promise<string> {
  const headers = { authorization: `Bearer ${learner.token}`, 'content-type': 'application/json' };
  const config = variantFor(lab, learner.id).reference;
  const res = await fetch(`${stack.url}/api/labs/${lab.id}/submissions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ config }),
  });
  if (res.status !== 202) throw new Error(`submit: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { submissionId: string }).submissionId;
}

/** Submit, then poll every POLL_MS until graded: the latency a client sees. */
async function submitAndPoll(stack: LocalStack, learner: BenchLearner, lab: Lab): Promise<number> {
  const started = performance.now();
  const id = await post(stack, learner, lab);
  for (;;) {
    const poll = await fetch(`${stack.url}/api/submissions/${id}`, {
      headers: { authorization: `Bearer ${learner.token}` },
    });
    const s = (await poll.json()) as { status: string };
    if (s.status === 'graded' || s.status === 'failed') return performance.now() - started;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Rounds of `concurrency` simultaneous submissions with no client polling; latency from the recorded timestamps. */
async function recordedLatencies(
  stack: LocalStack,
  learners: BenchLearner[],
  lab: Lab,
  concurrency: number,
  total: number,
): Promise<number[]> {
  const out: number[] = [];
  for (let done = 0; done < total; done += concurrency) {
    const ids = await Promise.all(
      Array.from({ length: concurrency }, (_, i) => post(stack, learners[i % learners.length], lab)),
    );
    await stack.queue.idle();
    for (const id of ids) {
      const s = (await stack.deps.store.getSubmission(id))!;
      out.push(Date.parse(s.gradedAt!) - Date.parse(s.queuedAt));
    }
  }
  return out;
}

/**
 * 2. Local end-to-end latency, submit → graded, at concurrency 1 and 20: from the submissions' recorded timestamps
 * (rounds of simultaneous submissions, nobody polling) and as clients polling every POLL_MS see it.
 */
export async function latencyBench(
  stack: LocalStack,
  learners: BenchLearner[],
  lab: Lab,
  perLevel = 200,
): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const concurrency of [1, 20]) {
    const recorded = await recordedLatencies(stack, learners, lab, concurrency, perLevel);
    const client: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async (_, worker) => {
        while (next < perLevel) {
          next++;
          client.push(await submitAndPoll(stack, learners[worker % learners.length], lab));
        }
      }),
    );
    const recordedP95 = round(percentile(recorded, 95), 1);
    const clientP95 = round(percentile(client, 95), 1);
    figures.push({
      id: '2',
      what: `submit → graded, concurrency ${concurrency}, recorded p50 ${round(percentile(recorded, 50), 1)} ms; client (polling every ${POLL_MS} ms) p50 ${round(percentile(client, 50), 1)} / p95 ${clientP95} ms`,
      value: recordedP95,
      unit: 'ms (recorded p95)',
      target: 'p95 ≤ 50 ms',
      met: recordedP95 <= 50 && clientP95 <= 50,
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
const WRITES = new Set([
  'PutItemCommand',
  'PutCommand',
  'UpdateItemCommand',
  'UpdateCommand',
  'DeleteItemCommand',
  'DeleteCommand',
  'BatchWriteItemCommand',
  'BatchWriteCommand',
]);
const SCANS = new Set(['ScanCommand']);

/**
 * 5. DynamoDB operations per submission, counted on the client: `n` submissions run to graded, with the counter
 * active from the POST to the final poll (client polls excluded: they are reads a product need not make).
 */
export async function operationsBench(
  stack: LocalStack,
  doc: DynamoDBDocumentClient,
  learner: BenchLearner,
  lab: Lab,
  n = 20,
): Promise<Figure[]> {
  const counter = countCommands(doc);
  let reads = 0;
  let writes = 0;
  let scans = 0;
  const headers = { authorization: `Bearer ${learner.token}`, 'content-type': 'application/json' };
  const config = variantFor(lab, learner.id).reference;
  for (let i = 0; i < n; i++) {
    counter.reset();
    const res = await fetch(`${stack.url}/api/labs/${lab.id}/submissions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ config }),
    });
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
