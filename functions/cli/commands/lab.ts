import type { CliIO } from '../main.ts';
import { selfTest } from '../../../core/grading/selftest.ts';
import { contentDir, parseArgs, readLabs } from '../lab-support.ts';

export const summary = 'self-test labs: lab test [<lab-id>] [--verbose] (reference full marks, fixtures fail as named)';

export async function run(args: string[], io: CliIO): Promise<number> {
  const { flags, positional } = parseArgs(args, ['content']);
  const [sub, labId] = positional;
  if (sub !== 'test') {
    io.err('usage: virtlab lab test [<lab-id>] [--verbose]');
    return 2;
  }
  // Loading already rejects any lab whose file is invalid, naming the file.
  const all = await readLabs(contentDir(flags), io);
  if (!all) return 1;
  const labs = all.filter((l) => !labId || l.id === labId);
  if (labs.length === 0) {
    io.err(labId ? `virtlab lab: no lab '${labId}'.` : 'virtlab lab: no labs found.');
    return 2;
  }
  let failed = 0;
  for (const lab of labs) {
    const report = selfTest(lab);
    const bad = report.findings.filter((f) => !f.ok);
    io.out(
      `${report.ok ? 'PASS' : 'FAIL'} ${lab.id} (${report.findings.length - bad.length}/${report.findings.length})`,
    );
    for (const f of flags.verbose ? report.findings : bad) {
      io.out(`  ${f.ok ? 'ok  ' : 'FAIL'} ${f.subject} [${f.learnerId}]: ${f.detail}`);
    }
    if (!report.ok) failed++;
  }
  io.out(`${labs.length - failed}/${labs.length} labs pass their self-test`);
  return failed ? 1 : 0;
}
