import { describe, it, expect } from 'vitest';
import { gradeSubmission } from '../../../core/grading/grade.ts';
import { testLab } from './helpers.ts';

// Two guests: `web` cannot boot (VT-x off in firmware: the simulator knows the fix), `db` boots. A failed check
// about `db` must not be handed the fix for `web`: a learner is told only about what the failing check names.
const LAB = `
id: fix-scope
version: 1
title: { ko: 수정 제안의 범위, en: The scope of a fix }
statement: { ko: 범위, en: Scope }
lessons: [virtualization-techniques]
tags: { targets: [server], techniques: [full-virtualization] }
difficulty: 1
target: server
starter: |
  target: server
  host: { cpu: { vendor: intel, cores: 8, hardwareAssist: { present: true, enabledInFirmware: false } } }
  hypervisor: { product: xen }
  guests:
    - { name: web, os: linux, mode: hvm, vcpus: 2, memoryGiB: 4 }
    - { name: db, os: linux, kernel: { paravirtualized: true }, mode: pv, vcpus: 2, memoryGiB: 4 }
checks:
  - id: web-boots
    kind: state
    title: { ko: web 부팅, en: web boots }
    points: 1
    expect: [{ path: guests.web.status, op: eq, value: running }]
    feedback: { pass: { ko: 예, en: yes }, fail: { ko: 아니오, en: no } }
  - id: db-stopped
    kind: state
    title: { ko: db 정지, en: db stopped }
    points: 1
    expect: [{ path: guests.db.status, op: ne, value: running }]
    feedback: { pass: { ko: 예, en: yes }, fail: { ko: 아니오, en: no } }
reference: |
  target: server
  host: { cpu: { vendor: intel, cores: 8, hardwareAssist: { present: true, enabledInFirmware: true } } }
  hypervisor: { product: xen }
  guests:
    - { name: web, os: linux, mode: hvm, vcpus: 2, memoryGiB: 4 }
fixtures: []
`;

describe('the fix a failed check carries', () => {
  const lab = testLab(LAB);
  const r = gradeSubmission({ lab, text: lab.starter, learnerId: 'kim' });
  const byId = (id: string) => r.checks.find((c) => c.id === id)!;

  it('comes from a failure of what the check names', () => {
    expect(byId('web-boots').passed).toBe(false);
    expect(byId('web-boots').fix?.en).toMatch(/VT-x|firmware/i);
  });

  it('never from a failure of something else', () => {
    expect(byId('db-stopped').passed).toBe(false);
    expect(byId('db-stopped').fix).toBeUndefined();
  });
});
