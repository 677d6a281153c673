import { serve, type ServerType } from '@hono/node-server';
import autocannon from 'autocannon';
import { Hono } from 'hono';
import type { LocalStack } from '../../functions/local/server.ts';
import type { Figure } from './report.ts';
import { round } from './stats.ts';

async function rps(url: string, headers: Record<string, string>, seconds: number): Promise<number> {
  const result = await autocannon({ url, headers, connections: 10, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

/**
 * 3. Requests per second for `GET /api/labs/:id` on the local stack against a bare Hono hello-world served the same
 * way (@hono/node-server, same process, same autocannon settings).
 */
export async function httpBench(stack: LocalStack, token: string, seconds = 5): Promise<Figure[]> {
  const bare = await new Promise<ServerType>((done) => {
    const s = serve({ fetch: new Hono().get('/', (c) => c.json({ hello: 'world' })).fetch, port: 0, hostname: '127.0.0.1' }, () => done(s));
  });
  try {
    const address = bare.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const bareRps = await rps(`http://127.0.0.1:${port}/`, {}, seconds);
    const labRps = await rps(`${stack.url}/api/labs/hvm-boot-vtx`, { authorization: `Bearer ${token}` }, seconds);
    const ratio = round(labRps / bareRps, 2);
    return [
      {
        id: '3',
        what: 'GET /api/labs/:id (authenticated, variant computed)',
        value: round(labRps, 0),
        unit: 'req/s',
        baseline: { what: 'bare Hono hello-world', value: round(bareRps, 0), unit: 'req/s' },
        ratio,
        target: '≥ 0.6×',
        met: ratio >= 0.6,
      },
    ];
  } finally {
    await new Promise<void>((done) => bare.close(() => done()));
  }
}
