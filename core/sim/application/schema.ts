import * as z from 'zod';
import { msg } from '../../i18n.ts';
import { bilingual } from '../../validation.ts';
import { RecordName } from '../record-name.ts';
import { opUnion } from '../op-union.ts';
import { ISOLATION_MODES } from './isolation.ts';

/** A Windows path or registry key (`C:/App/config.ini`, `HKCU/Software/App/Theme`); `\` works too. */
const Path = z.string().min(1).max(260);
/** path → content (files) or key → value (registry). */
const Entries = z
  .record(Path, z.string().max(2000))
  .refine((r) => Object.keys(r).length <= 256, {
    error: bilingual(msg('항목은 최대 256개입니다.', 'At most 256 entries.')),
  })
  .default({});

const appSchema = z.strictObject({
  name: RecordName,
  /** virtual: delivered as a package run by the virtualization client; native: installed onto the host. */
  delivery: z.enum(['virtual', 'native']).default('virtual'),
  /** Virtual apps only (default writecopy). */
  isolation: z.enum(ISOLATION_MODES).optional(),
  runtime: z.strictObject({ name: RecordName, version: z.string().min(1).max(20) }).optional(),
  /** The app's own files and registry values (its package content, or what its installer writes). */
  files: Entries,
  registry: Entries,
  /** Files the app must read to start, e.g. a system DLL: Full isolation hides them. */
  needs: z.array(Path).max(32).default([]),
});

/** The key that names each op, in the order the union lists them. */
export const APP_OP_KINDS = ['run', 'read', 'write', 'regRead', 'regWrite'] as const;
export type AppOpKind = (typeof APP_OP_KINDS)[number];

export const appOpSchema = opUnion(APP_OP_KINDS, [
  z.strictObject({ run: RecordName }),
  z.strictObject({ read: RecordName, path: Path }),
  z.strictObject({ write: RecordName, path: Path, content: z.string().max(2000) }),
  z.strictObject({ regRead: RecordName, key: Path }),
  z.strictObject({ regWrite: RecordName, key: Path, value: z.string().max(2000) }),
]);
export type AppOp = z.output<typeof appOpSchema>;

export const applicationConfigSchema = z.strictObject({
  target: z.literal('application'),
  title: z.string().max(200).optional(),
  /** The real machine before anything is installed. */
  host: z.strictObject({ files: Entries, registry: Entries }).default({ files: {}, registry: {} }),
  /** Installed (native) or published (virtual) in this order before the ops run. */
  apps: z.array(appSchema).min(1).max(32),
  ops: z.array(appOpSchema).default([]),
});
export type ApplicationConfig = z.output<typeof applicationConfigSchema>;
export type AppConfig = ApplicationConfig['apps'][number];
