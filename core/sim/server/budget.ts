/**
 * The server target's `eventWork`: the work units one trace event is charged (limits.ts: a unit stands for about
 * 10 ns of CPU). A server event stands for a whole hop — bilingual details, lanes, counters — measured at 5–13 µs
 * of CPU on the shared reference machine for the heaviest accepted configurations (test/bench/sim-worst-case.ts),
 * so 2,000 units (20 µs) keeps a run within the 50 ms bound: at most maxWork / 2,000 = 2,500 events.
 */
export const SERVER_WORK_PER_EVENT = 2_000;
