import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import {
  MANIFEST_FILE,
  contentType,
  type Asset,
  type AssetManifest,
  type ClientAssets,
} from '../../web/asset-manifest.ts';

/** Built files are content-hashed, so a browser may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Prebuilt assets from a folder (`tsx functions/web/build.ts <dir>`): what runs on AWS, where esbuild is absent. */
async function readAssets(dir: string): Promise<ClientAssets> {
  const manifest = JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')) as AssetManifest;
  const files = new Map<string, Asset>();
  for (const name of await readdir(dir)) {
    if (name === MANIFEST_FILE) continue;
    files.set(name, { name, type: contentType(name), body: await readFile(join(dir, name)) });
  }
  return { manifest, files };
}

/**
 * Where the browser assets come from: ASSETS_DIR when set, else built in memory on first use (local mode and
 * tests). The load happens once per process; a failed load is retried on the next request.
 */
export function assetLoader(assetsDir: string | undefined = process.env.ASSETS_DIR): () => Promise<ClientAssets> {
  let pending: Promise<ClientAssets> | undefined;
  return () => {
    pending ??= (
      assetsDir ? readAssets(assetsDir) : import('../../web/build.ts').then((m) => m.buildClientAssets())
    ).catch((err: unknown) => {
      pending = undefined;
      throw err;
    });
    return pending;
  };
}

/** `GET /assets/<hashed name>` with a long cache. */
export function assetRoutes(load: () => Promise<ClientAssets>): Hono {
  const app = new Hono();
  app.get('/assets/:name', async (c) => {
    const asset = (await load()).files.get(c.req.param('name'));
    if (!asset) return c.notFound();
    return c.body(asset.body as Uint8Array<ArrayBuffer>, 200, {
      'content-type': asset.type,
      'cache-control': IMMUTABLE,
      'x-content-type-options': 'nosniff',
    });
  });
  return app;
}
