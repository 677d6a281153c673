import type { ServerConfig, GuestConfig } from '../sim/server/schema.ts';
import { xmlComment, xmlEscape, type ExportFile } from './types.ts';

/**
 * A guest as a libvirt domain XML document. Elements and attributes are those of "Domain XML format"
 * (https://libvirt.org/formatdomain.html); the tests check every export with `virt-xml-validate <file> domain`.
 */

/** formatdomain "Element and attribute overview": the `type` attribute names the hypervisor driver. */
const DOMAIN_TYPE: Record<string, string | undefined> = {
  kvm: 'kvm',
  xen: 'xen',
  'hyper-v': 'hyperv',
  esxi: 'vmware',
  'vmware-workstation': 'vmware',
  virtualbox: 'vbox',
  parallels: 'vz',
};

export function libvirtDomainXml(config: ServerConfig, guest: GuestConfig): ExportFile | null {
  const product = config.hypervisor?.product;
  const type = product ? DOMAIN_TYPE[product] : undefined;
  if (!type) return null;
  const notes: string[] = [];
  const x = xmlEscape;
  const lines: string[] = [`<domain type='${type}'>`];
  // formatdomain "General metadata": <name> is the short name of the domain.
  lines.push(`  <name>${x(guest.name)}</name>`);
  // formatdomain "Memory Allocation": <memory unit='GiB'> is the maximum at boot.
  lines.push(`  <memory unit='MiB'>${Math.round(guest.memoryGiB * 1024)}</memory>`);
  // formatdomain "CPU Allocation": <vcpu> is the number of virtual CPUs.
  lines.push(`  <vcpu>${guest.vcpus}</vcpu>`);
  // formatdomain "BIOS bootloader" / "Direct kernel boot": <os><type> is hvm (full virtualization), xen (Xen PV)
  // or xenpvh (Xen PVH).
  const osType =
    product === 'xen' && guest.mode === 'pv' ? 'xen' : product === 'xen' && guest.mode === 'pvh' ? 'xenpvh' : 'hvm';
  lines.push('  <os>', `    <type arch='x86_64'>${osType}</type>`);
  if (osType !== 'hvm') {
    notes.push('The simulator has no kernel image: the <kernel> path is a placeholder.');
    lines.push(`    ${xmlComment("placeholder: the simulator's model has no kernel image")}`);
    // formatdomain "Direct kernel boot": <kernel> is the path to the kernel image in the host OS.
    lines.push(`    <kernel>/boot/vmlinuz-${x(guest.name)}</kernel>`);
  }
  lines.push('  </os>');
  if (config.host.cpu.hardwareAssist.present && !config.host.cpu.hardwareAssist.enabledInFirmware) {
    const n = 'VT-x/AMD-V is disabled in firmware on the simulated host: libvirt cannot express firmware settings.';
    notes.push(n);
    lines.push(`  ${xmlComment(n)}`);
  }
  lines.push('  <devices>');
  // formatdomain "Hard drives, floppy disks, CDROMs": <target bus='ide|virtio|xen|scsi'>; <driver ioeventfd>
  // and <driver queue_size> apply to virtio disks.
  const { disk, net, ioeventfd, queueSize } = guest.devices;
  const pv = product === 'xen' && (guest.mode !== 'hvm' || guest.pvDrivers);
  const [bus, dev] = pv
    ? ['xen', 'xvda']
    : disk === 'virtio-blk'
      ? ['virtio', 'vda']
      : disk === 'vmbus'
        ? ['scsi', 'sda']
        : ['ide', 'hda'];
  notes.push('The simulator has no disk image: the disk source path is a placeholder.');
  lines.push(`    ${xmlComment("placeholder source: the simulator's model has no disk image")}`);
  if (disk === 'vmbus') {
    const n =
      'Hyper-V synthetic storage (VMBus) has no libvirt bus of its own: the Hyper-V driver attaches SCSI disks to its synthetic controller.';
    notes.push(n);
    lines.push(`    ${xmlComment(n)}`);
  }
  lines.push("    <disk type='file' device='disk'>");
  if (disk === 'virtio-blk')
    lines.push(
      `      <driver name='qemu' type='raw' ioeventfd='${ioeventfd ? 'on' : 'off'}' queue_size='${queueSize}'/>`,
    );
  lines.push(
    `      <source file='/var/lib/libvirt/images/${x(guest.name)}.img'/>`,
    `      <target dev='${dev}' bus='${bus}'/>`,
    '    </disk>',
  );
  // formatdomain "Network interfaces": <model type='virtio|e1000'>; <driver name='vhost|qemu'> picks the
  // in-kernel vhost-net backend or QEMU's userspace one; rx_queue_size sizes the receive virtqueue.
  lines.push("    <interface type='network'>", "      <source network='default'/>");
  if (pv) {
    lines.push("      <model type='netfront'/>");
  } else if (net === 'virtio-net' || net === 'vhost-net') {
    lines.push("      <model type='virtio'/>");
    lines.push(
      `      <driver name='${net === 'vhost-net' ? 'vhost' : 'qemu'}' ioeventfd='${ioeventfd || net === 'vhost-net' ? 'on' : 'off'}' rx_queue_size='${queueSize}'/>`,
    );
  } else if (net === 'vmbus') {
    const n = 'Hyper-V synthetic network (VMBus): the Hyper-V driver chooses the synthetic adapter itself.';
    notes.push(n);
    lines.push(`      ${xmlComment(n)}`);
  } else {
    lines.push("      <model type='e1000'/>");
  }
  lines.push('    </interface>', '  </devices>', '</domain>');
  return { tool: 'libvirt', name: `${guest.name}.xml`, text: `${lines.join('\n')}\n`, notes };
}
