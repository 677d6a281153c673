import type { ServerConfig, GuestConfig } from '../sim/server/schema.ts';
import type { ExportFile } from './types.ts';

/**
 * A Xen guest as an `xl` domain configuration file. Every key is documented in xl.cfg(5)
 * (https://xenbits.xen.org/docs/unstable/man/xl.cfg.5.html); disk specifications in xl-disk-configuration(5),
 * network ones in xl-network-configuration(5).
 */

const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

export function xlCfg(config: ServerConfig, guest: GuestConfig): ExportFile {
  const notes: string[] = [];
  const lines: string[] = [`# xl domain configuration for guest '${guest.name}', exported from virtlab.`];
  // xl.cfg(5) "name=NAME": the domain's name, unique on the host.
  lines.push(`name = ${q(guest.name)}`);
  // xl.cfg(5) "type=\"pv\"|\"pvh\"|\"hvm\"": the guest type (Xen ≥ 4.10; older xl used builder="hvm").
  lines.push(`type = ${q(guest.mode)}`);
  // xl.cfg(5) "memory=MBYTES": the guest's memory at boot, in MiB.
  lines.push(`memory = ${Math.round(guest.memoryGiB * 1024)}`);
  // xl.cfg(5) "vcpus=N": the number of vCPUs at boot.
  lines.push(`vcpus = ${guest.vcpus}`);
  if (guest.mode === 'pv' || guest.mode === 'pvh') {
    // xl.cfg(5) "kernel=PATHNAME" / "bootloader=PROGRAM": a PV or PVH guest boots a Xen-aware kernel directly or
    // through a bootloader such as pygrub. The simulator has no kernel image, so this is a placeholder.
    notes.push('The simulator has no kernel image: the kernel path below is a placeholder.');
    lines.push(`# placeholder: the simulator's model has no kernel image`);
    lines.push(`kernel = ${q(`/boot/vmlinuz-${guest.name}`)}`);
  }
  if (guest.mode === 'hvm') {
    // xl.cfg(5) "xen_platform_pci=BOOLEAN": the Xen platform PCI device lets an HVM guest's PV drivers take over
    // disk and network (PVHVM); without it the guest keeps the emulated devices.
    lines.push(`xen_platform_pci = ${guest.pvDrivers ? 1 : 0}`);
  }
  // xl-disk-configuration(5): "vdev=" names the virtual device (xvda: a PV disk; hda: an emulated IDE disk for
  // HVM), "target=" the backing file or device, the last positional parameter.
  const vdev = guest.mode === 'hvm' && !guest.pvDrivers ? 'hda' : 'xvda';
  notes.push('The simulator has no disk image: the disk target path is a placeholder.');
  lines.push(`# placeholder target: the simulator's model has no disk image`);
  lines.push(`disk = [ ${q(`format=raw, vdev=${vdev}, access=rw, target=/var/lib/xen/images/${guest.name}.img`)} ]`);
  // xl-network-configuration(5): "bridge=" the Dom0 bridge the vif joins; "model=" the emulated NIC of an HVM
  // guest (e1000 is one of the models it lists).
  const nicModel = guest.mode === 'hvm' && !guest.pvDrivers ? ', model=e1000' : '';
  lines.push(`vif = [ ${q(`bridge=xenbr0${nicModel}`)} ]`);
  // Dom0's memory and vCPUs are Xen command-line options (dom0_mem=, dom0_max_vcpus= in xen-command-line), not xl.cfg.
  if (config.dom0) {
    const dom0 = `Dom0 (${config.dom0.memoryGiB} GiB, ${config.dom0.vcpus} vCPUs) is set on the Xen command line (dom0_mem=, dom0_max_vcpus=), not in xl.cfg.`;
    notes.push(dom0);
    lines.push(`# ${dom0}`);
  }
  if (guest.os === 'windows' && guest.mode !== 'hvm') {
    const w =
      'An unmodified Windows kernel cannot run as a PV or PVH guest: xl would fail to boot it, as the simulator shows.';
    notes.push(w);
    lines.push(`# ${w}`);
  }
  return { tool: 'xl', name: `${guest.name}.cfg`, text: `${lines.join('\n')}\n`, notes };
}
