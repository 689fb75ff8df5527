import type { Plugin } from 'esbuild';

export const vegaWithoutCanvas: Plugin;
export const vegaApart: Plugin;
/** gettext-parser's charset conversion left out: the review parses text, never bytes. */
export const gettextWithoutIconv: Plugin;
/** @actions/core's OIDC client left out: the Action asks for no OIDC token. */
export const actionsWithoutOidc: Plugin;
/** Packages bundled from another entry than their main (jsonc-parser's ES module build). */
export const bundleAliases: Record<string, string>;
/** IANA's subtag indexes bundled as their subtags alone, built into the index on its first read. */
export const subtagIndexesCompact: Plugin;
