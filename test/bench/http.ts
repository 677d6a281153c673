import { serve, type ServerType } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import type { LocalStack } from '../../functions/local/server.ts';
import type { Figure } from './report.ts';
import { median, round } from './stats.ts';

async function rps(url: string, headers: Record<string, string>, seconds: number): Promise<number> {
  const result = await autocannon({ url, headers, connections: 10, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

function listen(app: Hono): Promise<{ url: string; close(): Promise<void> }> {
  return new Promise((done) => {
    const s: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      done({
        url: `http://127.0.0.1:${info.port}/`,
        close: () => new Promise<void>((closed) => s.close(() => closed())),
      }),
    );
  });
}

/**
 * 3. Requests per second for `GET /api/labs/:id` on the local stack against a bare Hono hello-world served the same
 * way (@hono/node-server, same process, same autocannon settings), in alternating rounds. A second bare Hono serving
 * the lab's very bytes shows how much of the gap is the size of the answer rather than the application.
 */
export async function httpBench(stack: LocalStack, token: string, seconds = 3, rounds = 3): Promise<Figure[]> {
  const labUrl = `${stack.url}/api/labs/hvm-boot-vtx`;
  const headers = { authorization: `Bearer ${token}` };
  const labBody = await (await fetch(labUrl, { headers })).text();
  const hello = await listen(new Hono().get('/', (c) => c.json({ hello: 'world' })));
  const sameBytes = await listen(
    new Hono().get('/', (c) => c.body(labBody, 200, { 'content-type': 'application/json' })),
  );
  try {
    // Alternating rounds, median of each: a burst of other load on the machine then hits every side alike.
    const runs = { hello: [] as number[], sameBytes: [] as number[], lab: [] as number[] };
    for (let i = 0; i < rounds; i++) {
      runs.hello.push(await rps(hello.url, {}, seconds));
      runs.sameBytes.push(await rps(sameBytes.url, {}, seconds));
      runs.lab.push(await rps(labUrl, headers, seconds));
    }
    const bareRps = median(runs.hello);
    const labRps = median(runs.lab);
    const sameBytesRps = median(runs.sameBytes);
    const ratio = round(labRps / bareRps, 2);
    const bytes = Buffer.byteLength(labBody);
    return [
      {
        id: '3',
        what: `GET /api/labs/:id (authenticated, ${bytes} B); bare Hono serving the same ${bytes} B: ${round(sameBytesRps, 0)} req/s (${round(labRps / sameBytesRps, 2)}×)`,
        value: round(labRps, 0),
        unit: 'req/s',
        baseline: { what: 'bare Hono hello-world', value: round(bareRps, 0), unit: 'req/s' },
        ratio,
        target: '≥ 0.6×',
        met: ratio >= 0.6,
      },
    ];
  } finally {
    await hello.close();
    await sameBytes.close();
  }
}
