import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { createVirtlabApp } from '../../cdk/virtlab-app.ts';
import { readBackBundle } from '../cdk/bundle-read-back.ts';
import type { Figure } from './report.ts';
import { median, round } from './stats.ts';

const ENV = {
  ...process.env,
  APP_MODE: 'aws',
  AWS_REGION: 'us-east-1',
  TABLE_NAME: 'bench',
  QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/000000000000/bench',
  USER_POOL_ID: 'us-east-1_bench',
  USER_POOL_CLIENT_ID: 'bench',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Milliseconds to import a module in a fresh Node process (one process, one import). */
function importOnceMs(file: string, cwd: string): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
  return Number(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd,
      env: { ...ENV, CONTENT_DIR: join(cwd, 'content') },
    })
      .toString()
      .trim(),
  );
}

/**
 * Cold import time of each module: the median of `runs` fresh processes, after one untimed round (so that every
 * timed run finds the files in the page cache, as a warm Lambda host does). The modules take turns, round by
 * round, so the baseline and the bundles see the same load on a shared machine.
 */
function coldImportsMs(modules: readonly { file: string; cwd: string }[], runs = 9): number[] {
  for (const m of modules) importOnceMs(m.file, m.cwd);
  const samples = modules.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) modules.forEach((m, i) => samples[i].push(importOnceMs(m.file, m.cwd)));
  return samples.map(median);
}

/**
 * 4. Each Lambda's bundle (esbuild, exactly as `cdk synth` builds it) against a bare Hono handler bundled with the
 * same esbuild options: size and cold import time.
 */
export async function bundleBench(): Promise<{
  figures: Figure[];
  perFunction: Record<string, { kib: number; importMs: number }>;
}> {
  const outdir = mkdtempSync(join(tmpdir(), 'virtlab-bench-cdk-'));
  // No node_modules above the unpacked packages (outdir/asset.*): each runs on what it holds, the AWS SDK included.
  try {
    const { app, stack } = createVirtlabApp({ outdir });
    const template = app.synth().getStackByName(stack.stackName).template as {
      Resources: Record<string, { Type: string; Properties: any }>;
    };
    const functions = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Environment?.Variables?.POWERTOOLS_SERVICE_NAME)
      .map((r) => ({
        name: r.Properties.Environment.Variables.POWERTOOLS_SERVICE_NAME as string,
        dir: join(outdir, `asset.${String(r.Properties.Code.S3Key).replace(/\.zip$/, '')}`),
      }));

    const bareDir = join(outdir, 'bare');
    const bareEntry = join(outdir, 'bare-entry.ts');
    writeFileSync(
      bareEntry,
      `import { Hono } from 'hono';\nimport { handle } from 'hono/aws-lambda';\nexport const handler = handle(new Hono().get('/', (c) => c.text('hello')));\n`,
    );
    await build({
      entryPoints: [bareEntry],
      outfile: join(bareDir, 'index.mjs'),
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      target: 'node24',
      nodePaths: [join(process.cwd(), 'node_modules')],
    });
    const bareKiB = statSync(join(bareDir, 'index.mjs')).size / 1024;
    const [bareMs, ...functionMs] = coldImportsMs([
      { file: join(bareDir, 'index.mjs'), cwd: bareDir },
      ...functions.map((f) => ({ file: join(f.dir, 'index.mjs'), cwd: f.dir })),
    ]);

    const perFunction: Record<string, { kib: number; importMs: number }> = {};
    // The cold-start goals: cold import against a bare Hono handler's, per function (a worker without one: reported).
    const GOAL: Record<string, number> = { 'virtlab-api': 16, 'virtlab-grader': 15, 'virtlab-sweeper': 8 };
    const figures: Figure[] = [];
    for (const [i, f] of functions.entries()) {
      const kib = round((await readBackBundle(join(f.dir, 'index.mjs'))).startBytes / 1024, 1);
      const importMs = round(functionMs[i], 1);
      perFunction[f.name] = { kib, importMs };
      const ratio = round(importMs / bareMs, 2);
      figures.push({
        id: '4',
        what: `${f.name}: ${kib} KiB loaded at start (bare Hono ${round(bareKiB, 1)} KiB), cold import`,
        value: importMs,
        unit: 'ms',
        baseline: { what: 'bare Hono handler', value: round(bareMs, 1), unit: 'ms' },
        ratio,
        target: f.name in GOAL ? `≤ ${GOAL[f.name]}× the bare import` : 'report',
        met: f.name in GOAL ? ratio <= GOAL[f.name] : null,
      });
    }
    return { figures, perFunction };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
