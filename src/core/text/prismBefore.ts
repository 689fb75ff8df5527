// What the host's global `Prism` was before Prism's core loaded: the core
// publishes itself there for its language files, and `prism.ts` puts the old
// value back. Imported first, so it is read before the core runs.
const host = globalThis as { Prism?: unknown };

export const hadPrism = Object.prototype.hasOwnProperty.call(host, 'Prism');
export const previousPrism = host.Prism;
