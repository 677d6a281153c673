import { describe, it, expect } from 'vitest';
import { buildClientAssets } from '../../../functions/web/build.ts';
import { MAX_SHARE_CHARS, decodeShare, encodeShare } from '../../../functions/web/playground-share.ts';

/** The playground's bundle carries the simulator: it stays its own file, under this many bytes (minified). */
const PLAYGROUND_BUDGET = 600_000;

describe('playground share link', () => {
  it('round-trips a configuration, Korean included', () => {
    const text = 'target: server\n# 한국어 주석\nguests: []\n';
    const made = encodeShare(text);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.value).toMatch(/^#c=[A-Za-z0-9_-]+$/);
    expect(decodeShare(made.value)).toEqual({ ok: true, value: text });
  });

  it('refuses a configuration too big for a link, and a damaged link', () => {
    expect(encodeShare('x'.repeat(MAX_SHARE_CHARS))).toEqual({ ok: false, error: 'too-big' });
    expect(decodeShare(`#c=${'A'.repeat(MAX_SHARE_CHARS)}`)).toEqual({ ok: false, error: 'too-big' });
    expect(decodeShare('#c=not*base64')).toEqual({ ok: false, error: 'invalid' });
    expect(decodeShare('#c=_w')).toEqual({ ok: false, error: 'invalid' }); // 0xFF: not UTF-8
    expect(decodeShare('#other')).toBeNull();
  });
});

describe('playground bundle', () => {
  it('is its own asset, within its budget, and the lab editor does not carry it', { timeout: 60_000 }, async () => {
    const { manifest, files } = await buildClientAssets();
    const playground = files.get(manifest['playground.js'])!;
    const editor = files.get(manifest['editor.js'])!;
    expect(playground.body.length).toBeLessThan(PLAYGROUND_BUDGET);
    expect(new TextDecoder().decode(editor.body)).not.toContain('pg-output');
  });

  it('shares the editor (CodeMirror) with the lab page in one chunk rather than carrying a copy', async () => {
    const { manifest, files } = await buildClientAssets();
    const chunksOf = (name: string) =>
      new Set(
        [...new TextDecoder().decode(files.get(manifest[name])!.body).matchAll(/chunk-\w+\.js/g)].map((m) => m[0]),
      );
    const shared = [...chunksOf('editor.js')].filter((c) => chunksOf('playground.js').has(c));
    const sizes = shared.map((c) => files.get(c)!.body.length);
    // CodeMirror is the largest part of the editor: it is in a shared chunk, and neither entry holds it itself.
    expect(Math.max(...sizes)).toBeGreaterThan(200_000);
    for (const name of ['editor.js', 'playground.js'])
      expect(new TextDecoder().decode(files.get(manifest[name])!.body)).not.toContain('cm-content');
  }, 60_000);
});
