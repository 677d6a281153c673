import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MANIFEST_FILE, contentType, type Asset, type AssetManifest, type ClientAssets } from './asset-manifest.ts';

/** The entry points: one script per kind of page, and the stylesheet. */
const ENTRY_POINTS = ['editor.ts', 'quiz.ts', 'result.ts', 'teacher.ts', 'playground.ts', 'styles.css'];

/** The name a page links to: `editor.ts` is served as `editor.js`. */
const logicalName = (entry: string): string => entry.replace(/\.ts$/, '.js');

/**
 * Bundle and minify the browser code with esbuild (in memory). With `outDir`, also write the files and
 * `manifest.json` there — that folder is what ASSETS_DIR points at on AWS, where esbuild is not shipped.
 */
export async function buildClientAssets(outDir?: string): Promise<ClientAssets> {
  const { build } = await import('esbuild');
  const here = dirname(fileURLToPath(import.meta.url));
  const result = await build({
    entryPoints: ENTRY_POINTS.map((e) => join(here, e)),
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['es2022'],
    platform: 'browser',
    write: false,
    metafile: true,
    outdir: '/assets',
    entryNames: '[name]-[hash]',
    // The editor (CodeMirror) is shared by the lab page and the playground: one chunk, cached once for both.
    splitting: true,
    chunkNames: 'chunk-[hash]',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const files = new Map<string, Asset>();
  const manifest: AssetManifest = {};
  for (const file of result.outputFiles) {
    const name = basename(file.path);
    files.set(name, { name, type: contentType(name), body: file.contents });
  }
  for (const [out, meta] of Object.entries(result.metafile.outputs)) {
    if (meta.entryPoint) manifest[logicalName(basename(meta.entryPoint))] = basename(out);
  }
  if (outDir) {
    const dir = resolve(outDir);
    await mkdir(dir, { recursive: true });
    for (const asset of files.values()) await writeFile(join(dir, asset.name), asset.body);
    await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
  }
  return { manifest, files };
}

// `tsx functions/web/build.ts <outDir>`: prebuild the assets (the CDK bundling step runs this).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) {
    console.error('usage: tsx functions/web/build.ts <outDir>');
    process.exit(2);
  }
  const { manifest } = await buildClientAssets(outDir);
  console.log(`built ${Object.keys(manifest).length} assets into ${resolve(outDir)}`);
}
