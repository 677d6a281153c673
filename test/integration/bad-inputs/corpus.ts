/**
 * Bad inputs for `POST /api/labs/{id}/submissions`, each with the 4xx the API must answer. Hand-written cases for
 * every way a body can be broken at the HTTP, text and schema levels, plus cases generated from the starters of
 * one lab per target: every field of the starter given a value of the wrong type, and numbers out of range.
 *
 * `detailPath`: for field errors, a detail must name that field or an object that encloses it (a union field is
 * reported at its parent). `mentions`: a detail's message must contain this (keys of the top-level object, which
 * zod reports at the document's path).
 */
import { stringify } from 'yaml';

export interface BadInput {
  name: string;
  lab: string;
  /** Content-Type header; absent = none sent. */
  type?: string;
  body?: string | Uint8Array;
  query?: string;
  headers?: Record<string, string>;
  /** Who sends it (default: the signed-in learner). */
  auth?: 'none' | 'forged';
  expect: { status: number; code: string; detailPath?: string; mentions?: string };
}

export const KiB = 1024;

const syntax = { status: 422, code: 'invalid_config' } as const;
const field = (detailPath: string, mentions?: string) =>
  ({ status: 422, code: 'invalid_config', detailPath, ...(mentions ? { mentions } : {}) }) as const;
const LAB = 'sensitive-instructions';
const yaml = (name: string, body: string, expect: BadInput['expect'] = syntax, lab = LAB): BadInput => ({
  name,
  lab,
  type: 'text/yaml',
  body,
  expect,
});
const wrapped = (name: string, payload: unknown, expect: BadInput['expect']): BadInput => ({
  name,
  lab: LAB,
  type: 'application/json',
  body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  expect,
});

/** A valid configuration of the lab, to break one thing at a time. */
export const BASE = `target: server
host:
  cpu: { vendor: intel, cores: 4, hardwareAssist: { present: false, enabledInFirmware: false } }
  memoryGiB: 16
hypervisor: { product: xen, cpuVirtualization: trap-and-emulate }
guests:
  - { name: legacy, os: linux, mode: hvm, vcpus: 1, memoryGiB: 2 }
`;

const MALFORMED_YAML: Array<[string, string]> = [
  ['unclosed double quote', 'target: server\nhost: { cpu: "intel }\n'],
  ['unclosed single quote', "target: 'server\n"],
  ['unclosed flow mapping', 'target: server\nhost: { cpu: { cores: 4 }\n'],
  ['unclosed flow sequence', 'target: server\nguests: [ { name: a }\n'],
  ['tab indentation', 'target: server\nhost:\n\tmemoryGiB: 16\n'],
  ['bad indentation', 'target: server\nhost:\n    cpu:\n  cores: 4\n   memoryGiB: 3\n'],
  ['duplicate key', 'target: server\ntarget: server\n'],
  ['duplicate nested key', 'target: server\nhost: { memoryGiB: 16, memoryGiB: 32 }\n'],
  ['mapping value in plain scalar', 'target: server: extra\n'],
  ['sequence item after mapping', 'target: server\n- guest\n'],
  ['stray closing bracket', 'target: server\nguests: ]\n'],
  ['undefined alias', 'target: server\nhost: *nowhere\n'],
  ['alias before its anchor', 'target: server\nhost: *later\nx: &later { memoryGiB: 4 }\n'],
  ['unknown tag', 'target: server\nhost: !!python/object:os.system { cmd: ls }\n'],
  ['two documents', 'target: server\n---\ntarget: storage\n'],
  ['directive without document', '%YAML 1.2\n'],
  ['block scalar with bad indent', 'target: server\nnote: |\n  a\n b\n'],
  ['colon without space key', 'target:server\nhost:\n  - :\n    - ]\n'],
  ['anchor on nothing', 'target: server\nhost: &a\n&b\n'],
  ['reserved indicator', 'target: @server\n'],
  ['backtick indicator', 'target: `server`\n'],
  ['complex key unclosed', '? [a, b\n: c\n'],
  ['NUL byte in a key', 'target: server\nho\u0000st: {}\n'],
];

const MALFORMED_JSON: Array<[string, string]> = [
  ['trailing comma in a list', '{"target": "server", "guests": [,]}'],
  ['unterminated object', '{"target": "server"'],
  ['unterminated string', '{"target": "server}'],
  ['single-quoted unterminated', "{'target': 'server}"],
  ['missing colon', '{"target" "server"}'],
  ['missing comma', '{"target": "server" "host": {}}'],
  ['duplicate key', '{"target": "server", "target": "server"}'],
  ['extra closing brace', '{"target": "server"}}'],
  ['unquoted bare word value', '{"target": server, "host": {"cpu": {"cores": four}}}'],
  ['array never closed', '{"target": "server", "guests": [{"name": "a"}'],
];

/** Bodies that are not a configuration object at all. */
const NOT_AN_OBJECT: Array<[string, string]> = [
  ['empty text', ''],
  ['only spaces', '   \n\t\n  '],
  ['only a comment', '# nothing here\n'],
  ['document marker only', '---\n'],
  ['null', 'null\n'],
  ['tilde', '~\n'],
  ['a number', '42\n'],
  ['a string', 'hello world\n'],
  ['a boolean', 'true\n'],
  ['a list', '- target: server\n'],
  ['a JSON array', '[{"target": "server"}]'],
  ['a JSON string', '"target: server"'],
];

/** Many small nested levels: a YAML flow sequence or JSON object `depth` deep. */
const nestedYaml = (depth: number) => `target: server\nhost: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
const nestedJson = (depth: number) => `{"target":"server","host":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
const nestedBlock = (depth: number) =>
  `target: server\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n`;

/** "Billion laughs": each alias level multiplies the one before. */
function aliasBomb(levels: number, width: number): string {
  const lines = ['target: server', 'a0: &a0 [lol]'];
  for (let i = 1; i < levels; i++)
    lines.push(`a${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(', ')}]`);
  lines.push(`host: *a${levels - 1}`);
  return lines.join('\n') + '\n';
}

function bigYaml(bytes: number): string {
  const guest = (i: number) => `  - { name: g${i}, os: linux, mode: hvm, vcpus: 1, memoryGiB: 2 }\n`;
  let out = BASE;
  for (let i = 0; out.length <= bytes; i++) out += guest(i);
  return out;
}

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

function handWritten(): BadInput[] {
  const out: BadInput[] = [];
  for (const [name, body] of MALFORMED_YAML) out.push(yaml(`malformed YAML: ${name}`, body));
  for (const [name, body] of MALFORMED_JSON) {
    out.push({
      name: `malformed JSON config as text/plain: ${name}`,
      lab: LAB,
      type: 'text/plain',
      body,
      expect: syntax,
    });
    // JSON.parse keeps the last of duplicate keys: that body parses, and lacks `config`.
    const dup = name === 'duplicate key';
    out.push(
      wrapped(
        `malformed JSON body: ${name}`,
        body,
        dup ? { status: 400, code: 'invalid_request', detailPath: 'config' } : { status: 400, code: 'malformed_json' },
      ),
    );
    out.push(wrapped(`malformed JSON inside the config string: ${name}`, { config: body, format: 'json' }, syntax));
  }
  for (const [name, body] of NOT_AN_OBJECT) {
    out.push(yaml(`not a configuration: ${name}`, body));
    out.push(wrapped(`not a configuration, JSON-wrapped: ${name}`, { config: body }, syntax));
  }

  // Alias bombs: refused by the alias limit before anything expands.
  out.push(yaml('alias bomb: billion laughs (9 levels x 10)', aliasBomb(9, 10)));
  out.push(yaml('alias bomb: 30 levels x 2', aliasBomb(30, 2)));
  out.push(
    yaml(
      'alias bomb: 100 aliases of one anchor',
      `target: server\nx: &x [a]\nhost: [${Array(100).fill('*x').join(', ')}]\n`,
    ),
  );
  out.push(
    yaml('alias without an anchor: the message names it', 'target: server\nhost: *nowhere\n', {
      ...syntax,
      mentions: '*nowhere',
    }),
  );
  out.push(yaml('alias bomb: self-referencing anchor', 'target: server\nhost: &h { cpu: *h }\n'));
  out.push(wrapped('alias bomb inside a JSON wrapper', { config: aliasBomb(9, 10) }, syntax));

  // Deep nesting.
  for (const depth of [100, 1_000, 10_000]) {
    out.push(yaml(`deep nesting: YAML flow ${depth} levels`, nestedYaml(depth)));
    out.push({
      name: `deep nesting: JSON config ${depth} levels`,
      lab: LAB,
      type: 'text/plain',
      body: nestedJson(depth),
      expect: syntax,
    });
    out.push(wrapped(`deep nesting: JSON config ${depth} levels, JSON-wrapped`, { config: nestedJson(depth) }, syntax));
  }
  out.push(yaml('deep nesting: block mapping 200 levels', nestedBlock(200)));
  out.push(
    wrapped(
      'deep nesting: the JSON body itself 10,000 levels deep',
      `{"config": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
      { status: 400, code: 'invalid_request', detailPath: 'config' },
    ),
  );

  // Huge bodies: the text limit (64 KiB) and the body limit (3 x 64 KiB), never buffered past it.
  out.push({
    name: 'huge: YAML just over 64 KiB',
    lab: LAB,
    type: 'text/yaml',
    body: bigYaml(64 * KiB + 1),
    expect: { status: 413, code: 'payload_too_large' },
  });
  out.push({
    name: 'huge: YAML of 150 KiB',
    lab: LAB,
    type: 'text/yaml',
    body: bigYaml(150 * KiB),
    expect: { status: 413, code: 'payload_too_large' },
  });
  out.push({
    name: 'huge: YAML over 1 MiB',
    lab: LAB,
    type: 'text/yaml',
    body: bigYaml(1024 * KiB + 1),
    expect: { status: 413, code: 'payload_too_large' },
  });
  out.push({
    name: 'huge: 2 MiB of one comment line',
    lab: LAB,
    type: 'text/yaml',
    body: `${BASE}# ${'x'.repeat(2 * 1024 * KiB)}\n`,
    expect: { status: 413, code: 'payload_too_large' },
  });
  out.push(
    wrapped(
      'huge: JSON-wrapped config over 64 KiB',
      { config: bigYaml(64 * KiB + 1) },
      { status: 413, code: 'payload_too_large' },
    ),
  );
  out.push(
    wrapped(
      'huge: JSON body over 1 MiB',
      { config: BASE, padding: 'x'.repeat(1024 * KiB) },
      { status: 413, code: 'payload_too_large' },
    ),
  );
  out.push(
    wrapped(
      'huge: multi-byte config over 64 KiB in bytes, under in characters',
      { config: `${BASE}# ${'가'.repeat(22 * KiB)}\n` },
      { status: 413, code: 'payload_too_large' },
    ),
  );

  // Prototype keys, at the top and deeper, in YAML and JSON.
  for (const key of PROTO_KEYS) {
    out.push(yaml(`forbidden key ${key} at the top (YAML)`, `${BASE}${key}: { polluted: true }\n`));
    out.push(
      yaml(
        `forbidden key ${key} in host (YAML)`,
        BASE.replace('  memoryGiB: 16', `  memoryGiB: 16\n  ${key}: { polluted: true }`),
      ),
    );
    out.push({
      name: `forbidden key ${key} in a guest (JSON text)`,
      lab: LAB,
      type: 'text/plain',
      body: `{"target":"server","guests":[{"name":"a","${key}":{"polluted":true}}]}`,
      expect: syntax,
    });
    out.push(
      wrapped(
        `forbidden key ${key} inside the JSON-wrapped config`,
        { config: `{"target": "server", "host": {"${key}": {"polluted": true}}}` },
        syntax,
      ),
    );
  }

  // Unknown fields (the schemas are strict, so a typo is reported where it is).
  out.push(yaml('unknown top-level field', `${BASE}hypervisors: []\n`, field('', 'hypervisors')));
  out.push(yaml('unknown field in host.cpu', BASE.replace('cores: 4', 'cores: 4, sockets: 2'), field('host.cpu')));
  out.push(yaml('misspelt guest field', BASE.replace('vcpus: 1', 'vcpu: 1'), field('guests[0]')));
  out.push(
    yaml('unknown field in hypervisor', BASE.replace('product: xen', 'product: xen, version: 4'), field('hypervisor')),
  );

  // Unknown labs (a configuration's own `target` is replaced by the lab's, so it cannot pick another simulator).
  out.push({
    name: 'unknown lab',
    lab: 'no-such-lab',
    type: 'text/yaml',
    body: BASE,
    expect: { status: 404, code: 'not_found' },
  });
  out.push({
    name: 'lab id with capitals',
    lab: 'Sensitive-Instructions',
    type: 'text/yaml',
    body: BASE,
    expect: { status: 400, code: 'invalid_request', detailPath: 'id' },
  });
  out.push({
    name: 'lab id with a dot',
    lab: 'hvm.boot',
    type: 'text/yaml',
    body: BASE,
    expect: { status: 400, code: 'invalid_request', detailPath: 'id' },
  });
  out.push({
    name: 'lab id too long',
    lab: 'a'.repeat(101),
    type: 'text/yaml',
    body: BASE,
    expect: { status: 400, code: 'invalid_request', detailPath: 'id' },
  });
  out.push({
    name: 'lab id with encoded slashes',
    lab: '..%2F..%2Fetc',
    type: 'text/yaml',
    body: BASE,
    expect: { status: 400, code: 'invalid_request', detailPath: 'id' },
  });
  out.push({
    name: 'lab id with an encoded NUL',
    lab: 'hvm%00boot',
    type: 'text/yaml',
    body: BASE,
    expect: { status: 400, code: 'invalid_request', detailPath: 'id' },
  });

  // Content types.
  for (const type of [
    'application/xml',
    'text/html',
    'multipart/form-data; boundary=x',
    'application/x-www-form-urlencoded',
    'application/octet-stream',
    'application/json-patch+json',
    'image/png',
    'text/csv',
    'yaml',
    '*/*',
  ]) {
    out.push({
      name: `content type ${type}`,
      lab: LAB,
      type,
      body: BASE,
      expect: { status: 415, code: 'unsupported_media_type' },
    });
  }
  // Bytes, so that fetch adds no Content-Type of its own.
  out.push({
    name: 'no content type',
    lab: LAB,
    body: new TextEncoder().encode(BASE),
    expect: { status: 415, code: 'unsupported_media_type' },
  });
  out.push({
    name: 'JSON wrapper sent as text/yaml is a YAML mapping without a target',
    lab: LAB,
    type: 'text/yaml',
    body: JSON.stringify({ config: BASE }),
    expect: field('', 'config'),
  });

  // Invalid UTF-8.
  const bytes = (...b: number[]) => new Uint8Array([...new TextEncoder().encode('target: server\nnote: '), ...b, 0x0a]);
  const INVALID_UTF8: Array<[string, number[]]> = [
    ['lone continuation byte', [0x80]],
    ['0xFF', [0xff]],
    ['0xFE 0xFF', [0xfe, 0xff]],
    ['overlong slash', [0xc0, 0xaf]],
    ['overlong NUL', [0xe0, 0x80, 0x80]],
    ['encoded surrogate', [0xed, 0xa0, 0x80]],
    ['truncated 3-byte sequence', [0xe4, 0xb8]],
    ['truncated 4-byte sequence', [0xf0, 0x9f, 0x98]],
    ['beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['Latin-1 é', [0xe9]],
  ];
  for (const [name, b] of INVALID_UTF8) {
    out.push({
      name: `invalid UTF-8 (text/yaml): ${name}`,
      lab: LAB,
      type: 'text/yaml',
      body: bytes(...b),
      expect: { status: 400, code: 'invalid_encoding' },
    });
    out.push({
      name: `invalid UTF-8 (JSON body): ${name}`,
      lab: LAB,
      type: 'application/json',
      body: new Uint8Array([
        ...new TextEncoder().encode('{"config": "target: server '),
        ...b,
        ...new TextEncoder().encode('"}'),
      ]),
      expect: { status: 400, code: 'invalid_encoding' },
    });
  }

  // The JSON wrapper's own fields.
  out.push(wrapped('wrapper: empty object', {}, { status: 400, code: 'invalid_request', detailPath: 'config' }));
  out.push(wrapped('wrapper: empty body', '', { status: 400, code: 'malformed_json' }));
  out.push(
    wrapped(
      'wrapper: config is a number',
      { config: 5 },
      { status: 400, code: 'invalid_request', detailPath: 'config' },
    ),
  );
  out.push(
    wrapped(
      'wrapper: config is null',
      { config: null },
      { status: 400, code: 'invalid_request', detailPath: 'config' },
    ),
  );
  out.push(
    wrapped(
      'wrapper: config is an object, not text',
      { config: { target: 'server' } },
      { status: 400, code: 'invalid_request', detailPath: 'config' },
    ),
  );
  out.push(
    wrapped(
      'wrapper: config is a list',
      { config: [BASE] },
      { status: 400, code: 'invalid_request', detailPath: 'config' },
    ),
  );
  out.push(
    wrapped(
      'wrapper: format xml',
      { config: BASE, format: 'xml' },
      { status: 400, code: 'invalid_request', detailPath: 'format' },
    ),
  );
  out.push(
    wrapped(
      'wrapper: courseId not a ULID',
      { config: BASE, courseId: 'course-1' },
      { status: 400, code: 'invalid_request', detailPath: 'courseId' },
    ),
  );
  out.push(
    wrapped(
      'wrapper: courseId that is a path',
      { config: BASE, courseId: '../../etc' },
      { status: 400, code: 'invalid_request', detailPath: 'courseId' },
    ),
  );
  out.push(
    wrapped(
      'wrapper: courseId of no course',
      { config: BASE, courseId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' },
      { status: 404, code: 'not_found' },
    ),
  );
  out.push(wrapped('wrapper: a list of wrappers', [{ config: BASE }], { status: 400, code: 'invalid_request' }));
  out.push(wrapped('wrapper: JSON null', 'null', { status: 400, code: 'invalid_request' }));
  out.push(
    wrapped('wrapper: format json on broken YAML', { config: 'target: server\nhost: [\n', format: 'json' }, syntax),
  );
  // Valid YAML sent as JSON: held to the format the learner chose, not graded as YAML.
  out.push(
    wrapped(
      'wrapper: format json on valid YAML',
      { config: BASE, format: 'json' },
      {
        ...syntax,
        detailPath: '',
        mentions: 'JSON 형식을 골랐지만',
      },
    ),
  );

  // Query and headers.
  const q = (name: string, query: string, detailPath: string): BadInput => ({
    name,
    lab: LAB,
    type: 'text/yaml',
    body: BASE,
    query,
    expect: { status: 400, code: 'invalid_request', detailPath },
  });
  out.push(q('query: format xml', 'format=xml', 'format'));
  out.push(q('query: courseId not a ULID', 'courseId=abc', 'courseId'));
  out.push(q('query: lang fr', 'lang=fr', 'lang'));
  out.push({
    name: 'query: courseId of no course',
    lab: LAB,
    type: 'text/yaml',
    body: BASE,
    query: 'courseId=01ARZ3NDEKTSV4RRFFQ69G5FAV',
    expect: { status: 404, code: 'not_found' },
  });
  out.push({
    name: 'Idempotency-Key over 128 characters',
    lab: LAB,
    type: 'text/yaml',
    body: BASE,
    headers: { 'idempotency-key': 'k'.repeat(129) },
    expect: { status: 400, code: 'invalid_request', detailPath: 'idempotency-key' },
  });
  out.push({
    name: 'no token',
    lab: LAB,
    type: 'text/yaml',
    body: BASE,
    auth: 'none',
    expect: { status: 401, code: 'unauthenticated' },
  });
  out.push({
    name: 'forged token',
    lab: LAB,
    type: 'text/yaml',
    body: BASE,
    auth: 'forged',
    expect: { status: 401, code: 'unauthenticated' },
  });

  // Numbers: negative, NaN, infinite, huge, fractional where whole, as strings.
  const NUMBERS: Array<[string, string, string]> = [
    ['cores: 4', 'cores: -1', 'host.cpu.cores'],
    ['cores: 4', 'cores: 0', 'host.cpu.cores'],
    ['cores: 4', 'cores: .nan', 'host.cpu.cores'],
    ['cores: 4', 'cores: .inf', 'host.cpu.cores'],
    ['cores: 4', 'cores: -.inf', 'host.cpu.cores'],
    ['cores: 4', 'cores: 1e400', 'host.cpu.cores'],
    ['cores: 4', 'cores: 9007199254740993', 'host.cpu.cores'],
    ['cores: 4', 'cores: 2.5', 'host.cpu.cores'],
    ['cores: 4', 'cores: "4"', 'host.cpu.cores'],
    ['cores: 4', 'cores: 0x10000', 'host.cpu.cores'],
    ['memoryGiB: 16', 'memoryGiB: -16', 'host.memoryGiB'],
    ['memoryGiB: 16', 'memoryGiB: 0', 'host.memoryGiB'],
    ['memoryGiB: 16', 'memoryGiB: .NaN', 'host.memoryGiB'],
    ['memoryGiB: 16', 'memoryGiB: 1e308', 'host.memoryGiB'],
    ['vcpus: 1', 'vcpus: -3', 'guests[0].vcpus'],
    ['vcpus: 1', 'vcpus: 1e9', 'guests[0].vcpus'],
    ['vcpus: 1', 'vcpus: .nan', 'guests[0].vcpus'],
    ['memoryGiB: 2 }', 'memoryGiB: -0.5 }', 'guests[0].memoryGiB'],
    ['memoryGiB: 2 }', 'memoryGiB: 99999999 }', 'guests[0].memoryGiB'],
  ];
  for (const [from, to, path] of NUMBERS) out.push(yaml(`number: ${to}`, BASE.replace(from, to), field(path)));

  // Too many guests for the schema (beyond what any configuration may hold).
  const guests = (n: number) => `${BASE}${Array.from({ length: n }, (_, i) => `  - {name: g${i}}\n`).join('')}`;
  out.push(yaml('too many guests: 1,001', guests(1_000), field('guests')));
  out.push(yaml('too many guests: 2,000 (under 64 KiB)', guests(2_000), field('guests')));
  return out;
}

// ---- Generated: every field of one lab per target, given a value of the wrong type or out of range. ----

/** One starter per target (the lab's own starter text, as the learner first sees it). */
export const STARTERS: Record<string, { lab: string; config: Record<string, unknown> }> = {
  server: {
    lab: 'sensitive-instructions',
    config: {
      target: 'server',
      host: {
        cpu: { vendor: 'intel', cores: 4, hardwareAssist: { present: false, enabledInFirmware: false } },
        memoryGiB: 16,
      },
      hypervisor: { product: 'xen', cpuVirtualization: 'trap-and-emulate' },
      guests: [{ name: 'legacy', os: 'linux', mode: 'hvm', vcpus: 1, memoryGiB: 2 }],
    },
  },
  storage: {
    lab: 'raid-capacity-two-failures',
    config: { target: 'storage', arrays: [{ name: 'a1', level: 5, disks: ['d0', 'd1', 'd2', 'd3'] }] },
  },
  network: {
    lab: 'nfv-firewall-lb-chain',
    config: {
      target: 'network',
      hosts: [{ name: 'nfvi1' }],
      segments: [{ name: 'tenant', vlan: 100 }],
      vnfs: [
        { name: 'fw', type: 'firewall', port: { vlan: 100 }, default: 'allow' },
        { name: 'lb', type: 'loadbalancer', port: { vlan: 100 }, backends: ['10.0.1.11'] },
      ],
      paths: [{ name: 'web', hops: ['fw', 'lb'] }],
      classifier: { rules: [{ match: { dst: '203.0.113.10' }, path: 'web' }] },
      endpoints: [
        { name: 'web1', ip: '10.0.1.11', vlan: 100 },
        { name: 'web2', ip: '10.0.1.12', vlan: 100 },
      ],
    },
  },
  desktop: {
    lab: 'vdi-pool-network-blip',
    config: {
      target: 'desktop',
      hosts: [{ name: 'dc1', desktops: 2 }],
      pools: [{ name: 'office', type: 'non-persistent', size: 2, protocol: 'blast', disconnectTimeout: 60 }],
    },
  },
  application: {
    lab: 'app-conflicting-runtimes',
    config: {
      target: 'application',
      apps: [
        { name: 'payroll', delivery: 'native' },
        { name: 'designer', delivery: 'native' },
      ],
    },
  },
};

type Path = Array<string | number>;

function leaves(v: unknown, at: Path = [], out: Array<{ path: Path; value: unknown }> = []) {
  if (at.length) out.push({ path: at, value: v });
  if (Array.isArray(v)) v.forEach((x, i) => leaves(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) leaves(x, [...at, k], out);
  return out;
}

const formatPath = (p: Path) => p.map((k, i) => (typeof k === 'number' ? `[${k}]` : i ? `.${k}` : k)).join('');

function setAt(root: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(root) as any;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  o[path[path.length - 1]] = value;
  return copy;
}

/** Values of a type the field does not have. */
function wrongTypes(value: unknown): unknown[] {
  if (typeof value === 'string') return [12345, { text: value }];
  if (typeof value === 'number') return ['many', true, [value]];
  if (typeof value === 'boolean') return ['maybe', 1];
  if (Array.isArray(value)) return ['not a list', { 0: value[0] }];
  return ['not an object', [value]];
}

/** Numbers no field of these labs accepts. */
const OUT_OF_RANGE = [-1, -0.5, 1e12];

function generated(): BadInput[] {
  const out: BadInput[] = [];
  for (const [target, { lab, config }] of Object.entries(STARTERS)) {
    for (const { path, value } of leaves(config)) {
      if (path[0] === 'target') continue;
      const at = formatPath(path);
      wrongTypes(value).forEach((bad, i) => {
        const data = setAt(config, path, bad);
        // Alternate the two text forms, so both parsers' paths and lines are exercised.
        const asJson = i % 2 === 1;
        out.push({
          name: `${target}: ${at} = ${JSON.stringify(bad)}`,
          lab,
          type: asJson ? 'text/plain' : 'text/yaml',
          body: asJson ? JSON.stringify(data, null, 2) : stringify(data),
          expect: field(at),
        });
      });
      if (typeof value === 'number') {
        for (const bad of OUT_OF_RANGE) {
          out.push({
            name: `${target}: ${at} = ${bad}`,
            lab,
            type: 'text/yaml',
            body: stringify(setAt(config, path, bad)),
            expect: field(at),
          });
        }
      }
    }
  }
  return out;
}

export const CORPUS: readonly BadInput[] = [...handWritten(), ...generated()];
