import { serverConfigSchema } from '../sim/server/schema.ts';
import { storageConfigSchema } from '../sim/storage/schema.ts';
import { libvirtDomainXml } from './libvirt.ts';
import { dockerRun, ociConfig } from './containers.ts';
import { mdadmScript } from './mdadm.ts';
import type { ExportFile } from './types.ts';
import { xlCfg } from './xen.ts';

export type { ExportFile } from './types.ts';

/** How many files one export may produce (the schema allows 1,000 guests). */
export const MAX_EXPORT_FILES = 64;

/**
 * What a configuration looks like to real tools: Xen `xl.cfg` and libvirt domain XML for each guest, a
 * `docker run` line and an OCI config.json fragment for each container, `mdadm` for storage arrays. Other targets,
 * and configurations that do not fit their schema, export nothing. Pure.
 */
export function exportConfig(input: unknown): ExportFile[] {
  const target = input && typeof input === 'object' && 'target' in input ? input.target : 'server';
  const out: ExportFile[] = [];
  if (target === 'server' || target === undefined) {
    const parsed = serverConfigSchema.safeParse(input);
    if (!parsed.success) return [];
    const config = parsed.data;
    for (const g of config.guests) {
      if (config.hypervisor?.product === 'xen') out.push(xlCfg(config, g));
      const xml = libvirtDomainXml(config, g);
      if (xml) out.push(xml);
    }
    for (const c of config.containers) out.push(dockerRun(c), ociConfig(c));
  } else if (target === 'storage') {
    const parsed = storageConfigSchema.safeParse(input);
    if (parsed.success) out.push(mdadmScript(parsed.data));
  }
  return out.slice(0, MAX_EXPORT_FILES);
}
