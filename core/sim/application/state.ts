import type { Msg } from '../../i18n.ts';
import type { Isolation, LayerName } from './isolation.ts';

/** What an app reads or writes: a file or a registry value. */
export type Kind = 'file' | 'registry';

export interface Access {
  kind: Kind;
  path: string;
  /** Where a read was served from (null: not found), or where a write landed. */
  layer: LayerName | null;
  value: string | null;
}

/** One app at the end of the run: how it was delivered, whether it runs, what it read and wrote. */
export interface AppState {
  delivery: 'virtual' | 'native';
  isolation: Isolation | null;
  runtime: string | null;
  status: 'published' | 'installed' | 'running' | 'failed';
  failure: { reason: 'runtime-mismatch' | 'missing-file'; path: string; message: Msg } | null;
  package: { files: Record<string, string>; registry: Record<string, string> } | null;
  sandbox: { files: Record<string, string>; registry: Record<string, string> };
  reads: Access[];
  writes: Access[];
}

/** The final state of an application run: the host's file system and registry, and every app. */
export interface ApplicationState {
  host: { files: Record<string, string>; registry: Record<string, string>; unchanged: boolean; changed: string[] };
  apps: Record<string, AppState>;
  /** Native installs that overwrote another version of a machine-wide runtime. */
  conflicts: { runtime: string; versions: [string, string]; apps: [string, string] }[];
}
