// esbuild plugins shared by the build (scripts/build.mjs) and the tests that
// bundle the program the same way.
import { fileURLToPath } from 'node:url';

/**
 * vega-canvas's Node build awaits an optional `canvas` package at its top
 * level, which a CommonJS bundle cannot hold. The charts render to SVG with
 * Vega's headless renderer and need no canvas: take the browser build, which
 * finds no document in Node and answers null.
 */
export const vegaWithoutCanvas = {
  name: 'vega-without-canvas',
  setup(build) {
    build.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: fileURLToPath(new URL('../node_modules/vega-canvas/build/vega-canvas.browser.js', import.meta.url)) }));
  },
};

/** The charts' libraries stay in dist/vega.js, required only when a chart is drawn. */
export const vegaApart = {
  name: 'vega-apart',
  setup(build) {
    build.onResolve({ filter: /^vega(-lite)?$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './vega.js', external: true } : undefined));
  },
};

/**
 * The bash grammar and its WebAssembly runtime stay in dist/shell-parser.js
 * (with its two .wasm files beside it), required on the first shell command
 * the guard judges: no other tool call, and no other program, loads them.
 */
export const shellParserApart = {
  name: 'shell-parser-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/shellParser$/ }, () => ({ path: './shell-parser.js', external: true }));
  },
};

/**
 * gettext-parser converts a catalog from its declared charset through
 * `encoding` (iconv-lite's tables, some 100 KB) only when it is handed bytes;
 * the review hands it text git already decoded, so the conversion never
 * runs. The bundle takes a stand-in that says so if it ever did.
 */
export const gettextWithoutIconv = {
  name: 'gettext-without-iconv',
  setup(build) {
    build.onResolve({ filter: /^encoding$/ }, (args) => (/gettext-parser/.test(args.importer) ? { path: 'encoding', namespace: 'gettext-without-iconv' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'gettext-without-iconv' }, () => ({
      contents: "module.exports = { convert() { throw new Error('PM Zone reads .po catalogs as text: no charset conversion is bundled'); } };",
      loader: 'js',
    }));
  },
};

/**
 * @actions/core requires its OIDC client at load, and with it
 * @actions/http-client and the undici it carries (some 400 KB, a third of the
 * package): the Action never asks GitHub for an OIDC token, so the bundle
 * takes a stand-in that says so if anything ever did.
 */
export const actionsWithoutOidc = {
  name: 'actions-without-oidc',
  setup(build) {
    build.onResolve({ filter: /^\.\/oidc-utils$/ }, (args) => (/@actions[\\/]core/.test(args.importer) ? { path: 'oidc-utils', namespace: 'actions-without-oidc' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'actions-without-oidc' }, () => ({
      contents: "exports.OidcClient = { async getIDToken() { throw new Error('The PM PR Review Action asks GitHub for no OIDC token: no HTTP client is bundled for it'); } };",
      loader: 'js',
    }));
  },
};

/**
 * Packages bundled from another entry than their main: jsonc-parser's main is
 * UMD, whose requires of its own files a bundle cannot follow; its ES module
 * build is the same code. web-tree-sitter's ES module build finds its files
 * through `import.meta.url`, which a CommonJS bundle does not have; its
 * CommonJS build is the same code. Every bundle that may reach them takes these.
 */
export const bundleAliases = {
  'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
  'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs',
};


/**
 * The IANA language subtag registry's indexes (`language-subtag-registry`'s
 * `language.json` and the others) map each subtag to its record's number;
 * the core only asks whether a subtag is there. They are bundled as their
 * subtags alone, three-letter ones grouped by their first two letters
 * (`aa=aklmr` for aaa, aak, aal, aam, aar): 5 KB in the package instead of
 * 40 KB. The module is the same object to its reader: every key, each value 0.
 */
export const subtagIndexesCompact = {
  name: 'subtag-indexes-compact',
  setup(build) {
    build.onLoad({ filter: /language-subtag-registry[\\/]data[\\/]json[\\/](?:language|region|script|variant)\.json$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises');
      const groups = new Map();
      const others = [];
      for (const subtag of Object.keys(JSON.parse(await readFile(args.path, 'utf8')))) {
        if (/^[a-z]{3}$/.test(subtag)) groups.set(subtag.slice(0, 2), `${groups.get(subtag.slice(0, 2)) ?? ''}${subtag[2]}`);
        else others.push(subtag);
      }
      const packed = [...others, ...[...groups].map(([prefix, lasts]) => `${prefix}=${lasts}`)].join(' ');
      const contents = `const index = {};
for (const token of ${JSON.stringify(packed)}.split(' ')) {
  const [prefix, lasts] = token.split('=');
  if (lasts === undefined) index[prefix] = 0;
  else for (const last of lasts) index[prefix + last] = 0;
}
module.exports = index;`;
      return { contents, loader: 'js' };
    });
  },
};
