import * as os from 'node:os';

// Mocha's time-out only stops a test that hangs; no test asserts on the
// clock. A test that spawns git and node, or parses a large input, is bound
// by the CPU it gets: on a machine where more processes wait than there are
// cores, its time-out stretches by that ratio (up to 4 times), so the tier
// passes under load as it does on an idle machine.

/** The time-out for a CPU-bound test or suite: `ms` on a machine with a core to spare, stretched by the load per core. */
export function cpuBound(ms: number): number {
  return Math.round(ms * loadStretch());
}

/** How many runnable processes share each core, at least 1 and at most 4 (1 where no load average is read, as on Windows). */
export function loadStretch(load = os.loadavg()[0], cores = os.availableParallelism?.() ?? os.cpus().length): number {
  const share = cores > 0 ? load / cores : 0;
  return Math.min(4, Math.max(1, share));
}
