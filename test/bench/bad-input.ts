import { startLocal } from '../../functions/local/server.ts';
import { TEXT_LIMITS } from '../../core/config-text.ts';
import type { Figure } from './report.ts';
import { median, round } from './stats.ts';

/**
 * 8. The CPU a bad input may cost. Each body is posted to the editor's validation route over real HTTP (it reads
 * and checks a configuration as a submission does, and stores nothing); the figure is the process's CPU time
 * (user + system, server and client together, since the whole stack runs here) per request, the median of
 * repeated runs. The slowest bad input is set beside a trivial request: the same route with the lab's own starter.
 */
const LAB = 'sensitive-instructions';

const keys = (n: number) => 'target: server\n' + Array.from({ length: n }, (_, i) => `k${i}: 1`).join('\n') + '\n';
const guests = (n: number) =>
  'target: server\nguests:\n' +
  Array.from({ length: n }, (_, i) => `  - { name: g${i}, os: linux, mode: hvm, vcpus: 1, memoryGiB: 2 }`).join('\n') +
  '\n';
const fit = (make: (n: number) => string) => {
  let n = 1;
  while (make(n * 2).length < TEXT_LIMITS.maxBytes) n *= 2;
  for (let step = n / 2; step >= 1; step /= 2) if (make(n + step).length < TEXT_LIMITS.maxBytes) n += step;
  return make(n);
};

export const BAD_INPUTS: Record<string, string> = {
  '7,000 unknown keys (62 KB)': keys(7000),
  '499 unknown keys (20 shown, then "and N more")': keys(499),
  "'[' × 65,536": '['.repeat(65_536),
  "'- ' nesting to 64 KiB": '- '.repeat(30_000) + 'x',
  'a flow list of 30,000 values': `[${Array(30_000).fill('1').join(',')}]`,
  'billion laughs (aliases)':
    'a: &a [1,2,3,4,5,6,7,8,9]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n',
  '64 KiB of guests (too many for the schema)': fit(guests),
  'a syntax error after 60 KB': keys(450).replace(/\n$/, '') + '\n' + '#'.repeat(58_000) + '\nbroken: [\n',
};

export async function badInputBench(runs = 15): Promise<Figure[]> {
  const user = { id: 'bench-bad', name: 'Bench', roles: ['learner' as const] };
  const stack = await startLocal({
    port: 0,
    inMemory: true,
    users: [user],
    config: {
      rateLimits: {
        submit: { limit: 1_000, windowSeconds: 1 },
        validate: { limit: 100_000, windowSeconds: 1 },
        join: { limit: 10, windowSeconds: 1 },
      },
    },
  });
  try {
    const token = (await stack.deps.auth.issueLocalToken!(user.id))!;
    const starter = stack.deps.course.labs.find((l) => l.id === LAB)!.starter;
    const post = (text: string) =>
      fetch(`${stack.url}/api/labs/${LAB}/validate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/yaml' },
        body: text,
      }).then((r) => r.text().then(() => r.status));
    // Warm every path first (JIT, caches), so the order of measurement does not favour one side.
    for (let i = 0; i < 5; i++) for (const text of [starter, ...Object.values(BAD_INPUTS)]) await post(text);
    const cpuOf = async (text: string): Promise<{ ms: number; status: number }> => {
      let status = 0;
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const before = process.cpuUsage();
        status = await post(text);
        const used = process.cpuUsage(before);
        samples.push((used.user + used.system) / 1000);
      }
      return { ms: median(samples), status };
    };
    const trivial = await cpuOf(starter);
    const bad = [];
    for (const [name, text] of Object.entries(BAD_INPUTS)) bad.push({ name, ...(await cpuOf(text)) });
    bad.sort((a, b) => b.ms - a.ms);
    const worst = bad[0];
    const ratio = round(worst.ms / trivial.ms, 1);
    process.stderr.write(
      `bench: 8 bad inputs (CPU ms/request): ${bad.map((b) => `${b.name}: ${round(b.ms, 2)} (${b.status})`).join('; ')}\n`,
    );
    return [
      {
        id: '8',
        what: `slowest bad-input request's CPU (${worst.name}, answered ${worst.status}), of ${bad.length} kinds`,
        value: round(worst.ms, 2),
        unit: 'ms',
        baseline: { what: 'a trivial request: the lab starter validated', value: round(trivial.ms, 2), unit: 'ms' },
        ratio,
        target: '≤ 10×',
        met: ratio <= 10,
      },
    ];
  } finally {
    await stack.stop();
  }
}
