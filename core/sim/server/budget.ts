/**
 * The server target's share of the work budget. A server trace event costs far more CPU than a unit of storage
 * work (a byte of parity): it builds bilingual details, walks lanes and tallies counters. Charging each event
 * SERVER_WORK_PER_EVENT units of `maxWork` makes the budget bound time, not only steps: at most
 * maxWork / SERVER_WORK_PER_EVENT events (2,500 with the default 5,000,000), which the worst accepted server
 * configuration simulates in well under 50 ms (measured: see docs/simulator/server.md, "Work budget").
 */
export const SERVER_WORK_PER_EVENT = 2_000;
