import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfigText } from '../../../core/config-text.ts';
import { exportConfig, type ExportFile } from '../../../core/export/index.ts';

const load = (name: string): unknown => {
  const parsed = parseConfigText(readFileSync(join('content/examples', name), 'utf8'));
  if (!parsed.ok) throw new Error(name);
  return parsed.value;
};
const exportsOf = (name: string) => exportConfig(load(name));
const hasValidator = spawnSync('virt-xml-validate', ['--help']).error === undefined;

describe('exportConfig', () => {
  it('exports a Xen PV guest as xl.cfg with the documented keys', () => {
    const files = exportsOf('server-pv.yaml');
    const cfg = files.find((f) => f.name === 'debian.cfg')!;
    expect(cfg.text).toContain('name = "debian"');
    expect(cfg.text).toContain('type = "pv"');
    expect(cfg.text).toContain('memory = 4096');
    expect(cfg.text).toContain('vcpus = 2');
    expect(cfg.text).toContain('vdev=xvda');
    expect(cfg.text).toMatch(/# .*dom0_mem=/);
    expect(files.find((f) => f.name === 'win-pv.cfg')!.text).toContain('cannot run as a PV or PVH guest');
    expect(files.find((f) => f.name === 'alpine.xml')!.text).toContain('>xenpvh</type>');
  });

  it('exports an HVM guest with emulated devices and a KVM guest with virtio', () => {
    const hvm = exportsOf('server-hvm.yaml').filter((f) => f.tool === 'xl');
    expect(hvm.some((f) => f.text.includes('vdev=hda') && f.text.includes('model=e1000'))).toBe(true);
    const kvm = exportsOf('server-kvm-vhost-net.yaml').filter((f) => f.tool === 'libvirt');
    expect(kvm.length).toBeGreaterThan(0);
    expect(kvm.some((f) => f.text.includes("<domain type='kvm'>") && f.text.includes("<driver name='vhost'"))).toBe(
      true,
    );
  });

  it('exports containers as docker run lines and OCI fragments', () => {
    const files = exportsOf('server-containers.yaml');
    const web = files.find((f) => f.name === 'web.sh')!;
    expect(web.text.trim().split('\n').at(-1)).toBe(
      'docker run -d --name web --memory=256m --cpus=0.5 --pids-limit=64 --ipc=host --uts=host --userns=host --cgroupns=host nginx',
    );
    const oci = JSON.parse(files.find((f) => f.name === 'web.config.json')!.text) as {
      linux: { namespaces: { type: string }[]; resources: Record<string, unknown> };
    };
    expect(oci.linux.namespaces.map((n) => n.type)).toEqual(['pid', 'network', 'mount']);
    expect(oci.linux.resources).toEqual({
      memory: { limit: 256 * 1024 * 1024 },
      cpu: { quota: 50_000, period: 100_000 },
      pids: { limit: 64 },
    });
    expect(files.find((f) => f.name === 'iis-vm.sh')!.text).toContain('--isolation=hyperv');
    expect(files.find((f) => f.name === 'jobs.sh')!.notes.join(' ')).toContain('IMAGE is a placeholder');
  });

  it('exports storage arrays as mdadm lines, with failures and replacements', () => {
    const [md] = exportsOf('storage-raid5-rebuild.yaml');
    expect(md.text).toContain(
      'mdadm --create /dev/md/a1 --level=5 --raid-devices=4 --layout=left-symmetric /dev/d0 /dev/d1 /dev/d2 /dev/d3',
    );
    expect(md.text).toContain('mdadm /dev/md/a1 --fail /dev/d1');
    expect(md.text).toContain('mdadm /dev/md/a1 --remove /dev/d1 --add /dev/d1');
    expect(md.text).toMatch(/^# .*block size/m);
  });

  it('says what has no equivalent instead of inventing it', () => {
    const md = exportConfig({
      target: 'storage',
      disks: { count: 3, sizeBlocks: 4 },
      arrays: [{ name: 'r3', level: 3, disks: ['d0', 'd1', 'd2'] }],
    });
    expect(md[0].text).toContain('RAID 3 cannot be created with mdadm');
    expect(md[0].text).not.toContain('--create');
    expect(exportConfig({ target: 'network' })).toEqual([]);
    expect(exportConfig({ guests: 'nope' })).toEqual([]);
  });

  it.skipIf(!hasValidator)(
    'every libvirt export of every server example passes virt-xml-validate',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'virtlab-export-'));
      const xml: ExportFile[] = [];
      for (const name of readdirSync('content/examples').filter((n) => n.startsWith('server-'))) {
        for (const f of exportsOf(name).filter((e) => e.tool === 'libvirt'))
          xml.push({ ...f, name: `${name}-${f.name}` });
      }
      expect(xml.length).toBeGreaterThan(5);
      for (const f of xml) {
        const path = join(dir, f.name);
        writeFileSync(path, f.text);
        // Throws (with the validator's message) when the document does not fit libvirt's domain schema.
        execFileSync('virt-xml-validate', [path, 'domain'], { stdio: 'pipe' });
      }
    },
    60_000,
  );
});
