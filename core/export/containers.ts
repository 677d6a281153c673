import type { ContainerConfig } from '../sim/server/schema.ts';
import { shellQuote, type ExportFile } from './types.ts';

/**
 * A container as a `docker run` line (https://docs.docker.com/reference/cli/docker/container/run/) and as the
 * matching fragment of an OCI runtime `config.json` (https://github.com/opencontainers/runtime-spec/blob/main/config-linux.md).
 */

/** docker run: a namespace the container does not get is shared with the host by `--<flag>=host`. */
const DOCKER_HOST_FLAG: Record<string, string | undefined> = {
  pid: '--pid=host',
  net: '--network=host',
  ipc: '--ipc=host',
  uts: '--uts=host',
  user: '--userns=host',
  cgroup: '--cgroupns=host',
};

/** config-linux.md "Namespaces": the type names of the OCI runtime spec. */
const OCI_NAMESPACE: Record<string, string> = {
  pid: 'pid',
  net: 'network',
  mnt: 'mount',
  ipc: 'ipc',
  uts: 'uts',
  user: 'user',
  cgroup: 'cgroup',
  time: 'time',
};

const ALL = ['pid', 'net', 'mnt', 'ipc', 'uts', 'user', 'cgroup', 'time'] as const;

export function dockerRun(c: ContainerConfig): ExportFile {
  const notes: string[] = [];
  const args = ['docker', 'run', '-d', '--name', c.name];
  // docker run --memory: "Memory limit" (cgroup v2 memory.max); the m suffix is MiB.
  if (c.cgroups.memoryMiB !== undefined) args.push(`--memory=${c.cgroups.memoryMiB}m`);
  // docker run --cpus: "Number of CPUs" (cgroup v2 cpu.max quota over period).
  if (c.cgroups.cpus !== undefined) args.push(`--cpus=${c.cgroups.cpus}`);
  // docker run --pids-limit: "Tune container pids limit" (cgroup v2 pids.max).
  if (c.cgroups.pids !== undefined) args.push(`--pids-limit=${c.cgroups.pids}`);
  for (const ns of ALL) {
    if (c.namespaces.includes(ns)) continue;
    const flag = DOCKER_HOST_FLAG[ns];
    if (flag) args.push(flag);
    else if (ns === 'mnt')
      notes.push("Docker always gives a container its own mount namespace: sharing the host's has no flag.");
    else if (ns === 'time') notes.push('docker run has no option for the time namespace.');
  }
  if (c.isolation === 'vm') {
    if (c.image.os === 'windows') {
      // docker run --isolation: "Container isolation technology" — hyperv on Windows gives each container a utility VM.
      args.push('--isolation=hyperv');
    } else {
      notes.push(
        'isolation: vm on Linux needs a VM-based runtime (for example Kata Containers) installed and chosen with --runtime; its name depends on the installation.',
      );
    }
  }
  if (!c.image.ref) notes.push('The configuration names no image: IMAGE is a placeholder.');
  args.push(c.image.ref ?? 'IMAGE');
  const text = `${notes.map((n) => `# ${n}\n`).join('')}${args.map(shellQuote).join(' ')}\n`;
  return { tool: 'docker', name: `${c.name}.sh`, text, notes };
}

export function ociConfig(c: ContainerConfig): ExportFile {
  const notes: string[] = [];
  const resources: Record<string, unknown> = {};
  // config-linux.md "Memory": memory.limit in bytes.
  if (c.cgroups.memoryMiB !== undefined) resources.memory = { limit: c.cgroups.memoryMiB * 1024 * 1024 };
  // config-linux.md "CPU": quota microseconds per period microseconds (cpus × period).
  if (c.cgroups.cpus !== undefined) resources.cpu = { quota: Math.round(c.cgroups.cpus * 100_000), period: 100_000 };
  // config-linux.md "Pids": pids.limit.
  if (c.cgroups.pids !== undefined) resources.pids = { limit: c.cgroups.pids };
  const fragment = {
    linux: {
      // config-linux.md "Namespaces": a namespace listed is created for the container; one not listed is the runtime's (the host's).
      namespaces: ALL.filter((ns) => c.namespaces.includes(ns)).map((ns) => ({ type: OCI_NAMESPACE[ns] })),
      resources,
    },
  };
  if (c.isolation === 'vm')
    notes.push('isolation: vm is chosen by the runtime (for example Kata Containers), not by config.json.');
  notes.push("A fragment: process, root and mounts are not part of the simulator's model.");
  return { tool: 'oci', name: `${c.name}.config.json`, text: `${JSON.stringify(fragment, null, 2)}\n`, notes };
}
