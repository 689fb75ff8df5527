/** `performance.now()` when the bundle's first line ran (the build's banner sets it). */
export function bundleLoadStart(): number | undefined {
  return (globalThis as { __pmZoneLoadStart?: number }).__pmZoneLoadStart;
}

/**
 * With PM_ZONE_TIMINGS set, a startup figure (milliseconds since the bundle's
 * first line) goes to the extension host's console, which the workbench
 * shows: how the activation benchmark reads them from the page.
 */
export function reportTiming(name: string, at: number): void {
  if (!process.env.PM_ZONE_TIMINGS) return;
  console.log(`PM Zone timing: ${name}=${(at - (bundleLoadStart() ?? 0)).toFixed(1)}`);
}

/** With PM_ZONE_TIMINGS set, how long one phase of the start took, in milliseconds (the benchmark's breakdown). */
export function reportDuration(name: string, ms: number): void {
  if (!process.env.PM_ZONE_TIMINGS) return;
  console.log(`PM Zone timing: ${name}=${ms.toFixed(1)}`);
}
