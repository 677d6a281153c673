import { msg } from '../../i18n.ts';
import { CYCLES } from '../cost.ts';
import { driverSeesCompletion, physicalIo } from '../techniques/device-io.ts';
import type { Subject, World } from '../techniques/world.ts';
import { EVTCHNOP, GNTTABOP, XENBUS_STATE, hypercall } from './hypercalls.ts';

/**
 * Xen's split drivers, used by PV and PVH guests and by HVM guests with PV drivers (PVHVM): a frontend in the
 * guest, a backend in Dom0, a shared ring in a granted page and an event channel between them.
 */

const XEN = { lane: 'hypervisor' as const, actor: 'xen' };

/**
 * blkfront/blkback connect through XenStore (io/blkif.h): both nodes start Initialising (1); the backend publishes
 * its features and goes to InitWait (2); the frontend grants its ring, publishes ring-ref and event-channel and goes
 * to Initialised (3); the backend maps the ring and goes to Connected (4); then the frontend does.
 */
export function splitDriverHandshake(world: World, subject: Subject): void {
  const op = 'boot';
  const front = { lane: 'guest' as const, actor: `guest:${subject.name}:blkfront` };
  const back = { lane: 'dom0' as const, actor: 'dom0:blkback' };
  world.emit(subject, op, {
    ...front,
    kind: 'xenbus',
    detail: `frontend state Initialising (${XENBUS_STATE.Initialising})`,
    cycles: 0,
  });
  world.emit(subject, op, {
    ...back,
    kind: 'xenbus',
    detail: `backend state Initialising (${XENBUS_STATE.Initialising})`,
    cycles: 0,
  });
  world.emit(subject, op, {
    ...back,
    kind: 'xenbus',
    detail: `backend state InitWait (${XENBUS_STATE.InitWait})`,
    cycles: CYCLES.backend,
  });
  world.emit(subject, op, {
    ...front,
    kind: 'xenbus',
    detail: msg(
      `프런트엔드가 링 페이지를 그랜트하고, 바인딩되지 않은 이벤트 채널을 할당(EVTCHNOP_alloc_unbound ${EVTCHNOP.alloc_unbound})한 뒤 ring-ref와 event-channel을 기록; 상태 Initialised (${XENBUS_STATE.Initialised})`,
      `frontend grants its ring page, allocates an unbound event channel (EVTCHNOP_alloc_unbound ${EVTCHNOP.alloc_unbound}), writes ring-ref and event-channel; state Initialised (${XENBUS_STATE.Initialised})`,
    ),
    hypercall: hypercall('event_channel_op'),
    cycles: CYCLES.hypercall,
  });
  world.emit(subject, op, {
    ...back,
    kind: 'xenbus',
    detail: msg(
      `백엔드가 링 그랜트를 매핑하고 채널을 바인딩(EVTCHNOP_bind_interdomain ${EVTCHNOP.bind_interdomain}); 상태 Connected (${XENBUS_STATE.Connected})`,
      `backend maps the ring grant and binds the channel (EVTCHNOP_bind_interdomain ${EVTCHNOP.bind_interdomain}); state Connected (${XENBUS_STATE.Connected})`,
    ),
    hypercall: hypercall('grant_table_op'),
    cycles: CYCLES.hypercall,
  });
  world.emit(subject, op, {
    ...front,
    kind: 'xenbus',
    detail: `frontend state Connected (${XENBUS_STATE.Connected})`,
    cycles: 0,
  });
}

const BACKENDS = {
  disk: { front: 'blkfront', back: 'dom0:blkback', hw: 'hardware:disk', cycles: CYCLES.disk },
  net: { front: 'netfront', back: 'dom0:netback', hw: 'hardware:nic', cycles: CYCLES.nic },
} as const;

/** Split-driver I/O: frontend → shared ring + grant + event channel → backend in Dom0 → real device. */
export function splitIo(world: World, subject: Subject, op: string): void {
  const dev = BACKENDS[op.startsWith('disk') ? 'disk' : 'net'];
  const front = { lane: 'guest' as const, actor: `guest:${subject.name}:${dev.front}` };
  const back = { lane: 'dom0' as const, actor: dev.back };
  world.emit(subject, op, {
    ...front,
    kind: 'io',
    detail: msg(
      '요청을 공유 링에 넣음; 그랜트 항목으로 Dom0가 데이터 페이지에 접근 (그랜트 참조는 요청 안에)',
      'request placed on the shared ring; a grant entry gives Dom0 access to the data page (grant reference in the request)',
    ),
    cycles: CYCLES.sharedPageWrite,
  });
  world.emit(subject, op, {
    ...XEN,
    kind: 'hypercall',
    detail: msg(
      `EVTCHNOP_send (${EVTCHNOP.send}): 백엔드에 알림`,
      `EVTCHNOP_send (${EVTCHNOP.send}): notify the backend`,
    ),
    hypercall: hypercall('event_channel_op'),
    cycles: CYCLES.eventChannel,
  });
  world.emit(subject, op, {
    ...back,
    kind: 'backend',
    detail: msg(
      '업콜: 백엔드가 링에서 요청을 꺼내 검증',
      'upcall: the backend takes the request off the ring and validates it',
    ),
    cycles: CYCLES.domainSwitch + CYCLES.backend,
  });
  world.emit(subject, op, {
    ...XEN,
    kind: 'hypercall',
    detail: msg(
      `Dom0를 위한 GNTTABOP_map_grant_ref (${GNTTABOP.map_grant_ref}): 게스트가 그랜트한 페이지를 매핑`,
      `GNTTABOP_map_grant_ref (${GNTTABOP.map_grant_ref}) on behalf of Dom0: map the guest's granted page`,
    ),
    hypercall: hypercall('grant_table_op'),
    cycles: CYCLES.hypercall,
  });
  physicalIo(world, subject, op, msg('Dom0의 실제 드라이버가 I/O 수행', "Dom0's real driver performs the I/O"));
  world.emit(subject, op, {
    ...back,
    kind: 'complete',
    detail: msg(
      '응답을 링에 넣고 EVTCHNOP_send로 프런트엔드에 알림',
      'response on the ring; EVTCHNOP_send back to the frontend',
    ),
    hypercall: hypercall('event_channel_op'),
    cycles: CYCLES.eventChannel,
  });
  driverSeesCompletion(
    world,
    subject,
    op,
    front,
    msg('이벤트 업콜: 프런트엔드가 요청을 완료', 'event upcall: the frontend completes the request'),
  );
}
