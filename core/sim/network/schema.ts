import * as z from 'zod';
import { RecordName as Name } from '../record-name.ts';
import { opUnion } from '../op-union.ts';
import { msg } from '../../i18n.ts';
import { bilingual } from '../../validation.ts';
import { packetSchema, matchSchema, Ipv4, VlanId, Vni } from './packet.ts';
import { portSchema } from './vswitch.ts';
import { FUNCTION_SCHEMAS } from './vnf.ts';

/** An NFVI host: a physical x86 server whose hypervisor or container runtime hosts VNF instances. */
const hostSchema = z.strictObject({
  name: Name,
  /** VNF instances it can hold. */
  capacity: z.number().int().min(1).max(64).default(4),
});

/** A tenant network: one VLAN on each vswitch, stretched across hosts by one VXLAN segment. */
const segmentSchema = z.strictObject({ name: Name, vlan: VlanId, vni: Vni.optional() });

/** How a network function is deployed: as a VNF (VM or container on an NFVI host) or as a hardware appliance. */
const deployment = {
  name: Name,
  form: z.enum(['vm', 'container', 'appliance']).default('vm'),
  /** Pin the first instance to this NFVI host; otherwise the VIM places it. */
  host: Name.optional(),
  instances: z.number().int().min(1).max(16).default(1),
  port: portSchema.default({ trunk: 'all' }),
};

const [firewall, router, vswitch, nat, loadbalancer, dpi] = FUNCTION_SCHEMAS;
const VNF_TYPES = FUNCTION_SCHEMAS.map((f) => f.shape.type.value).join(', ');
export const vnfSchema = z.discriminatedUnion(
  'type',
  [
    firewall.extend(deployment),
    router.extend(deployment),
    vswitch.extend(deployment),
    nat.extend(deployment),
    loadbalancer.extend(deployment),
    dpi.extend(deployment),
  ],
  { error: bilingual(msg(`type은 다음 중 하나입니다: ${VNF_TYPES}`, `type is one of: ${VNF_TYPES}`)) },
);
export type VnfConfig = z.output<typeof vnfSchema>;

/** A service function path: the ordered functions a classified packet visits. */
const pathSchema = z.strictObject({ name: Name, hops: z.array(Name).min(1).max(16) });

const classifierSchema = z.strictObject({
  /** The NFVI host whose vswitch classifies incoming packets (default: the first host). */
  host: Name.optional(),
  /** First match wins. A packet no rule matches is dropped (`unclassified`). */
  rules: z
    .array(z.strictObject({ name: Name.optional(), match: matchSchema.default({}), path: Name }))
    .min(1)
    .max(64),
});

/** Where packets end up: a server VM on a tenant VLAN (on an NFVI host, or behind the physical uplink). */
const endpointSchema = z.strictObject({ name: Name, ip: Ipv4, vlan: VlanId.optional(), host: Name.optional() });

const InstanceRef = { instance: z.number().int().min(1).max(16).default(1) };

/** The key that names each op, in the order the union lists them. */
export const NETWORK_OP_KINDS = ['send', 'fail', 'heal', 'scale'] as const;
export type NetworkOpKind = (typeof NETWORK_OP_KINDS)[number];

export const networkOpSchema = opUnion(NETWORK_OP_KINDS, [
  z.strictObject({ send: packetSchema.extend({ name: Name }) }),
  /** A VNF instance crashes (or its VM does). */
  z.strictObject({ fail: Name, ...InstanceRef }),
  /** The VNFM re-instantiates a failed instance on another host. */
  z.strictObject({ heal: Name, ...InstanceRef }),
  /** The VNFM scales the VNF out or in to this many instances. */
  z.strictObject({ scale: Name, instances: z.number().int().min(1).max(16) }),
]);
export type NetworkOp = z.output<typeof networkOpSchema>;

export const networkConfigSchema = z.strictObject({
  target: z.literal('network'),
  title: z.string().max(200).optional(),
  hosts: z.array(hostSchema).min(1).max(16),
  underlay: z
    .strictObject({
      mtu: z.number().int().min(576).max(9216).default(1500),
      oversize: z.enum(['drop', 'fragment']).default('drop'),
    })
    .default({ mtu: 1500, oversize: 'drop' }),
  segments: z.array(segmentSchema).max(64).default([]),
  vnfs: z.array(vnfSchema).min(1).max(64),
  paths: z.array(pathSchema).min(1).max(32),
  classifier: classifierSchema,
  endpoints: z.array(endpointSchema).max(64).default([]),
  /** The VNFM heals a failed instance by itself, right after the failure. */
  mano: z.strictObject({ autoHeal: z.boolean().default(false) }).default({ autoHeal: false }),
  ops: z.array(networkOpSchema).default([]),
});
export type NetworkConfig = z.output<typeof networkConfigSchema>;
