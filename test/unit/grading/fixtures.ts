/**
 * A small lab used by the grading tests: a firewall in front of a load balancer (network target). It exercises
 * every check kind, params of both kinds, a workload that replaces the learner's, and fixtures.
 */
export const LAB_YAML = `
id: test-fw-lb
version: 3
title: { ko: 방화벽과 부하분산, en: Firewall and load balancer }
statement:
  ko: "포트 {{port}}을 막고 웹 흐름을 분산하세요. 사용자 {{users}}명 ({{zone}})."
  en: "Block port {{port}} and balance web flows. {{users}} users ({{zone}})."
lessons: [nfv]
tags: { targets: [network], techniques: [], topics: [firewall] }
difficulty: 2
target: network
params:
  users: { kind: int, min: 10, max: 50, step: 5 }
  port: { kind: choice, values: [23, 2323] }
  zone: { kind: choice, values: [eu, ap] }
picture: [packets.web1.outcome, vnfs.fw.status]
starter: |
  target: network
  hosts: [{name: h1}]
  segments: [{name: s1, vlan: 10}]
  endpoints: [{name: web-a, ip: 10.0.1.10, vlan: 10}, {name: web-b, ip: 10.0.1.11, vlan: 10}]
  vnfs:
    - {name: fw, type: firewall, default: allow}
    - {name: lb, type: loadbalancer, backends: [10.0.1.10, 10.0.1.11]}
  paths: [{name: web, hops: [fw, lb]}]
  classifier: {rules: [{path: web}]}
workload:
  ops:
    - send: {name: web1, src: 198.51.100.7, dst: 203.0.113.10, dport: 80, sport: 40001, vlan: 10}
    - send: {name: blocked, src: 198.51.100.7, dst: 203.0.113.10, dport: "{{port}}", sport: 40003, vlan: 10}
checks:
  - id: blocked-path
    kind: path
    title: { ko: 막힌 패킷의 경로, en: Path of the blocked packet }
    points: 2
    select: { subject: blocked }
    expect: [network, guest]
    feedback:
      pass: { ko: 방화벽에서 멈췄습니다., en: It stopped at the firewall. }
      fail: { ko: 방화벽을 지나갔습니다., en: It went past the firewall. }
    hints:
      - { ko: "HINT-MARKER 거부 규칙을 넣으세요.", en: "HINT-MARKER add a deny rule." }
  - id: firewall-drops
    kind: count
    title: { ko: 방화벽이 버림, en: The firewall drops it }
    points: 3
    where: { op: vnf.firewall, subject: blocked, outcome: dropped }
    min: 1
    feedback:
      pass: { ko: 좋습니다., en: Good. }
      fail: { ko: "포트 {{port}}이 열려 있습니다.", en: "Port {{port}} is open." }
  - id: few-packets
    kind: count
    title: { ko: 패킷 수, en: Packet count }
    points: 1
    where: { op: packet, kind: ingress }
    max: "{{users}}"
    requires:
      ran: { subject: web1 }
    feedback:
      pass: { ko: 좋습니다., en: Good. }
      fail: { ko: 너무 많습니다., en: Too many. }
  - id: web-delivered
    kind: state
    title: { ko: 웹 흐름 전달, en: Web flow delivered }
    points: 3
    expect:
      - { path: packets.web1.outcome, op: eq, value: delivered }
      - { path: vnfs.*.status, op: eq, value: running }
    feedback:
      pass: { ko: 전달되었습니다., en: Delivered. }
      fail: { ko: 전달되지 않았습니다., en: Not delivered. }
  - id: unknown-hop-refused
    kind: rejects
    title: { ko: 없는 VNF는 거부됨, en: An unknown VNF is refused }
    points: 1
    patch: { "paths[name=web].hops": [ghost] }
    expect: { path: paths, message: ghost }
    feedback:
      pass: { ko: 거부됩니다., en: Refused. }
      fail: { ko: 거부되지 않았습니다., en: Not refused. }
  - id: same-backend
    kind: reference
    title: { ko: 참조와 같은 백엔드, en: Same backend as the reference }
    points: 2
    project: { kind: state, path: packets.web1.final.dst }
    feedback:
      pass: { ko: 같습니다., en: Same. }
      fail: { ko: 다릅니다., en: Different. }
reference: |
  # REFERENCE-MARKER
  target: network
  hosts: [{name: h1}]
  segments: [{name: s1, vlan: 10}]
  endpoints: [{name: web-a, ip: 10.0.1.10, vlan: 10}, {name: web-b, ip: 10.0.1.11, vlan: 10}]
  vnfs:
    - {name: fw, type: firewall, default: allow, rules: [{action: deny, match: {dport: {{port}}}}]}
    - {name: lb, type: loadbalancer, backends: [10.0.1.10, 10.0.1.11]}
  paths: [{name: web, hops: [fw, lb]}]
  classifier: {rules: [{path: web}]}
fixtures:
  - name: allow-all
    about: FIXTURE-MARKER the starter as is
    text: |
      target: network
      hosts: [{name: h1}]
      segments: [{name: s1, vlan: 10}]
      endpoints: [{name: web-a, ip: 10.0.1.10, vlan: 10}, {name: web-b, ip: 10.0.1.11, vlan: 10}]
      vnfs:
        - {name: fw, type: firewall, default: allow}
        - {name: lb, type: loadbalancer, backends: [10.0.1.10, 10.0.1.11]}
      paths: [{name: web, hops: [fw, lb]}]
      classifier: {rules: [{path: web}]}
    fails: [blocked-path, firewall-drops]
    misconception: firewall-best-match
  - name: typo
    text: "target: network\\nhosts: 3\\n"
    gradable: false
`;
