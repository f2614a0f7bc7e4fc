/**
 * Median wall time of `runs` runs after a warm-up, and the median CPU time of this process
 * meanwhile (user + system, all threads: V8's GC helpers count too). On the shared 2-core
 * machine the wall time grows with the load average; the CPU time much less. Used by
 * exchange.bench.ts and the GraphML runs it starts in fresh processes (graphml-fresh.ts).
 */
export function medianRun(
  fn: () => unknown,
  runs: number,
): { ms: number; cpuMs: number; result: unknown } {
  const gc = (globalThis as { gc?: () => void }).gc;
  // The previous run's result is dropped before the next one starts (a 200 MB string).
  const last: { result?: unknown } = { result: fn() }; // warm-up
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    last.result = undefined;
    gc?.();
    const c = process.cpuUsage();
    const start = performance.now();
    last.result = fn();
    times.push(performance.now() - start);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(runs / 2)] ?? NaN;
  return { ms: mid(times), cpuMs: mid(cpu), result: last.result };
}
