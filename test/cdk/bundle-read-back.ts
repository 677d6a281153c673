import { build, type Metafile } from 'esbuild';

/**
 * A built bundle read back by esbuild (its packages left external): the metafile, and the bytes of its own files
 * a cold start reads, `index.mjs` and every chunk reached from it by static imports (the ones for `import()` wait).
 * The bundle test budgets these bytes; the bench reports them. `startFiles` are those files (as the metafile names them).
 */
export async function readBackBundle(
  file: string,
): Promise<{ metafile: Metafile; startFiles: string[]; startBytes: number }> {
  const { metafile } = await build({
    entryPoints: [file],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const entry = Object.keys(metafile.inputs).find((f) => f.endsWith('index.mjs'))!;
  const atStart = new Set([entry]);
  for (const f of atStart)
    for (const i of metafile.inputs[f].imports)
      if (i.kind === 'import-statement' && metafile.inputs[i.path]) atStart.add(i.path);
  return {
    metafile,
    startFiles: [...atStart],
    startBytes: [...atStart].reduce((sum, f) => sum + metafile.inputs[f].bytes, 0),
  };
}
