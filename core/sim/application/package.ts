import { Layer } from './layer.ts';

/**
 * An application package, as a sequencer captures it: the app's files (a virtual file system) and registry keys
 * (a virtual registry), with the runtime it needs inside. A runtime installs machine-wide at one place, so two
 * versions of it cannot live side by side on a host — but each package can carry its own.
 */
export interface Runtime {
  name: string;
  version: string;
}

/** Where a runtime records its version on a Windows host: one file and one registry value per runtime. */
export const runtimeFile = (r: { name: string }) => `C:/Program Files/${r.name}/release`;
export const runtimeKey = (r: { name: string }) => `HKLM/SOFTWARE/${r.name}/CurrentVersion`;

export interface AppPackage {
  files: Layer;
  registry: Layer;
}

export function buildPackage(app: {
  files: Record<string, string>;
  registry: Record<string, string>;
  runtime?: Runtime;
}): AppPackage {
  const files = new Layer(app.files);
  const registry = new Layer(app.registry);
  if (app.runtime) {
    files.set(runtimeFile(app.runtime), app.runtime.version);
    registry.set(runtimeKey(app.runtime), app.runtime.version);
  }
  return { files, registry };
}
