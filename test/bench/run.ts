/**
 * `npm run bench`: every figure of the performance section, each as a ratio against a baseline measured in the same
 * run. Prints a table and writes `.bench/results.json`; a full run (no figure ids given) also rewrites the generated
 * block of docs/performance.md. Figures, not pass/fail tests: a missed target is reported.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { startLocal } from '../../functions/local/server.ts';
import { badInputBench } from './bad-input.ts';
import { bundleBench } from './bundles.ts';
import { deadlineBurstBench } from './deadline-burst.ts';
import { gradingBench } from './grading.ts';
import { httpBench } from './http.ts';
import { latencyBench, operationsBench } from './pipeline.ts';
import { playgroundBench } from './playground.ts';
import { raid6Bench } from './raid6.ts';
import { simWorstCaseBench } from './sim-worst-case.ts';
import { benchBlock, spliceBenchBlock, table, type Figure, type Machine } from './report.ts';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
const only = process.argv.slice(2);
const wanted = (id: string) => only.length === 0 || only.includes(id);
const figures: Figure[] = [];
const details: Record<string, unknown> = {};
const log = (text: string) => process.stderr.write(`bench: ${text}\n`);

if (wanted('1')) {
  log('1 grading per lab');
  const g = await gradingBench();
  figures.push(...g.figures);
  details.gradingPerLab = g.perLab;
  details.gradeVsFloorPerLab = g.floorPerLab;
}
if (wanted('2') || wanted('3') || wanted('5')) {
  // One learner per concurrent client, as in a class: each learner's rate-limit window then holds their own few
  // submissions, not the whole bench's.
  const users = Array.from({ length: 20 }, (_, i) => ({
    id: `bench-${String(i + 1).padStart(2, '0')}`,
    name: `Bench ${i + 1}`,
    roles: ['learner' as const],
  }));
  const stack = await startLocal({
    port: 0,
    inMemory: true,
    users,
    // A short window keeps the limit's Query small while the bench submits hundreds of times in a minute.
    config: {
      rateLimits: {
        submit: { limit: 1_000, windowSeconds: 1 },
        validate: { limit: 1_000, windowSeconds: 1 },
        join: { limit: 1_000, windowSeconds: 1 },
      },
    },
  });
  try {
    const learners = await Promise.all(
      users.map(async ({ id }) => ({ id, token: (await stack.deps.auth.issueLocalToken!(id))! })),
    );
    const lab = stack.deps.course.labs.find((l) => l.id === 'hvm-boot-vtx')!;
    if (wanted('2')) {
      log('2 end-to-end latency');
      figures.push(...(await latencyBench(stack, learners, lab)));
    }
    if (wanted('3')) {
      log('3 requests per second');
      figures.push(...(await httpBench(stack, learners[0].token)));
    }
    if (wanted('5')) {
      log('5 DynamoDB operations per submission');
      figures.push(...(await operationsBench(stack, stack.documentClient, learners[1], lab)));
    }
  } finally {
    await stack.stop();
  }
}
if (wanted('4')) {
  log('4 bundles and cold imports (cdk synth with real bundling)');
  const b = await bundleBench();
  figures.push(...b.figures);
  details.bundles = b.perFunction;
}
if (wanted('6')) {
  log('6 RAID-6 P/Q throughput');
  figures.push(...(await raid6Bench()));
}

if (wanted('7')) {
  log('7 slowest accepted configuration per simulator target');
  const w = await simWorstCaseBench();
  figures.push(...w.figures);
  details.simWorstCase = w.perCase;
}

if (wanted('8')) {
  log('8 slowest bad-input request beside a trivial one');
  figures.push(...(await badInputBench()));
}

if (wanted('9')) {
  log('9 playground: time to the first trace in Chromium');
  figures.push(...(await playgroundBench()));
}

if (wanted('deadline-burst')) {
  log('deadline-burst grading lag of 200 submissions at once vs one');
  figures.push(...(await deadlineBurstBench()));
}

const machine: Machine = {
  node: process.version,
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
};
const at = new Date().toISOString();
mkdirSync('.bench', { recursive: true });
writeFileSync('.bench/results.json', JSON.stringify({ at, machine, figures, details }, null, 2));
// Only a full run replaces the published figures: a partial one would drop the rows it did not measure.
if (only.length === 0) {
  const doc = 'docs/performance.md';
  const block = benchBlock({
    at,
    machine,
    figures,
    gradingPerLab: details.gradingPerLab as Record<string, { medianMs: number; p99Ms: number }> | undefined,
  });
  writeFileSync(doc, spliceBenchBlock(existsSync(doc) ? readFileSync(doc, 'utf8') : '# Performance\n', block));
  log(`wrote ${doc}`);
}
process.stdout.write(
  `\n${table(figures)}\n\nmachine: ${machine.cpu} × ${machine.cores}, ${machine.memoryGiB} GiB, Node ${machine.node}\n`,
);
