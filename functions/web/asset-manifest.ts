/** The shape of the built browser assets, shared by the builder and the server (which must not load esbuild). */

/** One built file, served at `/assets/<name>`. */
export interface Asset {
  name: string;
  type: string;
  body: Uint8Array;
}

/**
 * The name a page refers to (`editor.js`) → its content-hashed file name (`editor-3F2K….js`), so the files can
 * be cached for a year and every build is a new URL.
 */
export type AssetManifest = Record<string, string>;

export interface ClientAssets {
  manifest: AssetManifest;
  files: Map<string, Asset>;
}

export const MANIFEST_FILE = 'manifest.json';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export const contentType = (name: string): string =>
  TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
