// esbuild plugins shared by the build (scripts/build.mjs) and the tests that
// bundle the program the same way.
import { createRequire } from 'node:module';
import * as path from 'node:path';
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

/**
 * The charts' libraries stay in dist/vega.js, required only when a chart is drawn. Required, not imported: the core's
 * `import('vega')` becomes a require of dist/vega.js, so dist/core.js holds no import() (a bundle compiled with its
 * code cache loses node's import callback, src/cli/bundleCodeCache.ts).
 */
export const vegaApart = {
  name: 'vega-apart',
  setup(build) {
    build.onResolve({ filter: /^vega(-lite)?$/ }, (args) => (args.kind === 'dynamic-import' ? { path: 'vega', namespace: 'vega-apart' } : undefined));
    build.onResolve({ filter: /^\.\/vega\.js$/, namespace: 'vega-apart' }, () => ({ path: './vega.js', external: true }));
    build.onLoad({ filter: /.*/, namespace: 'vega-apart' }, () => ({ contents: "module.exports = require('./vega.js');", loader: 'js' }));
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
 * It is the module's default export, marked as an ES module: a plain
 * `module.exports` of it would be copied key by key, eight thousand getters,
 * by the bundle's interop wherever it is imported (14 ms of every start of
 * a bundle that holds the review's checks). Nothing is built from the text:
 * a subtag asked for is looked up in it (a search of at most 11 KB, its
 * answer kept), where building an object of the eight thousand subtags cost
 * about 5 ms of CPU of each review that weighed a name as a locale. The
 * index answers as the object would (`in`, `hasOwnProperty`, a read, its
 * keys), as a Proxy over the text.
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
      const packed = ` ${[...others, ...[...groups].map(([prefix, lasts]) => `${prefix}=${lasts}`)].join(' ')} `;
      const contents = `const packed = ${JSON.stringify(packed)};
const answers = new Map();
function registered(subtag) {
  if (typeof subtag !== 'string') return false;
  let found = answers.get(subtag);
  if (found === undefined) {
    if (/^[a-z]{3}$/.test(subtag)) {
      const at = packed.indexOf(' ' + subtag.slice(0, 2) + '=');
      found = at >= 0 && packed.slice(at + 4, packed.indexOf(' ', at + 4)).includes(subtag[2]);
    } else found = !/[ =]/.test(subtag) && packed.includes(' ' + subtag + ' ');
    // A long-lived editor asks for the names of every folder it weighs: the answers kept stay few.
    if (answers.size >= 4096) answers.clear();
    answers.set(subtag, found);
  }
  return found;
}
function subtags() {
  return packed.trim().split(' ').flatMap((token) => {
    const [prefix, lasts] = token.split('=');
    return lasts === undefined ? [prefix] : [...lasts].map((last) => prefix + last);
  });
}
const index = new Proxy({}, {
  getOwnPropertyDescriptor: (target, key) => (registered(key) ? { value: 0, writable: true, enumerable: true, configurable: true } : undefined),
  has: (target, key) => registered(key),
  get: (target, key) => (registered(key) ? 0 : undefined),
  ownKeys: () => subtags(),
});
module.exports = { __esModule: true, default: index };`;
      return { contents, loader: 'js' };
    });
  },
};

/**
 * Libraries a bundle loads from another file on their first use, not when
 * the bundle starts: `review`'s strings formats (gettext catalogs, Android
 * XML, Fluent, Java properties) and the YAML parser, which a review of a
 * change without such a file never calls, yet compiling them was a tenth of
 * the review's start. Each import of a library named here becomes a stand-in
 * with the library's own export names, each a getter that requires `outfile`
 * (built from librariesEntry) and reads the library there, so what the
 * importing code sees is the very library, only later: no check decides
 * whether it needs one, a call into it loads it. The names are read from the
 * library as Node loads it, the same `module.exports` the bundle's copy is.
 *
 * With `signed`, `outfile` is required through requireSignedBeside
 * (src/core/agents/guardKeys.ts): in a guard the launcher started, only when
 * it hashes to what the identity the launcher verified says, as
 * dist/shell-parser.js and dist/core.js are; the guard's TOML and JSONC
 * parsers are loaded this way.
 */
export function librariesApart(libraries, outfile, { signed = false } = {}) {
  const filter = new RegExp(`^(?:${libraries.map((name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
  // Namespaces of `outfile`'s own, so that a bundle may keep several files apart (the guard: its parsers, and minimatch).
  const apart = `library-apart-${path.basename(outfile, '.js')}`;
  const required = `library-required-${path.basename(outfile, '.js')}`;
  return {
    name: 'libraries-apart',
    setup(build) {
      // A require() call already runs where the library is first needed (text/markdown.ts): it is simply pointed at `outfile`.
      build.onResolve({ filter }, (args) => ({ path: args.path, namespace: args.kind === 'require-call' ? required : apart }));
      // The stand-ins' own loader (requireOf) is bundled; `outfile` stays a file apart.
      build.onResolve({ filter: /.*/, namespace: apart }, (args) => (args.path === SIGNED_LOADER ? { path: path.join(ROOT, SIGNED_LOADER) } : { path: args.path, external: true }));
      build.onResolve({ filter: /.*/, namespace: required }, (args) => (args.path === SIGNED_LOADER ? { path: path.join(ROOT, SIGNED_LOADER) } : { path: args.path, external: true }));
      build.onLoad({ filter: /.*/, namespace: apart }, (args) => ({ contents: libraryStandIn(args.path, requireOf(outfile, signed)), loader: 'js', resolveDir: ROOT }));
      build.onLoad({ filter: /.*/, namespace: required }, (args) => ({ contents: `module.exports = ${requireOf(outfile, signed)}[${JSON.stringify(args.path)}]();`, loader: 'js', resolveDir: ROOT }));
    },
  };
}

/** The file `outfile` of librariesApart: each library behind a function, so requiring the file runs none of them. */
export function librariesEntry(libraries) {
  const loaders = libraries.map((name) => `  ${JSON.stringify(name)}: () => require(${JSON.stringify(name)}),`);
  return { contents: `module.exports = {\n${loaders.join('\n')}\n};\n`, resolveDir: fileURLToPath(new URL('..', import.meta.url)), sourcefile: 'libraries.js', loader: 'js' };
}

const requireFromRoot = createRequire(new URL('../package.json', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SIGNED_LOADER = './src/core/agents/guardKeys.ts';

/** The expression a stand-in loads `outfile` with: a plain require, or one that checks the file against the verified identity first. */
function requireOf(outfile, signed) {
  if (!signed) return `require(${JSON.stringify(outfile)})`;
  return `require(${JSON.stringify(SIGNED_LOADER)}).requireSignedBeside(${JSON.stringify(outfile.replace(/^\.\//, ''))})`;
}

function libraryStandIn(name, load) {
  const names = Object.keys(requireFromRoot(name)).filter((key) => key !== '__esModule' && key !== 'default');
  const getters = names.map((key) => `  ${JSON.stringify(key)}: { enumerable: true, get: () => load()[${JSON.stringify(key)}] },`);
  return [
    'let library;',
    `const load = () => (library ??= ${load}[${JSON.stringify(name)}]());`,
    "Object.defineProperty(exports, '__esModule', { value: true });",
    // A default import reads what the bundle's own interop would: the library's default, or the whole of a CommonJS one.
    'Object.defineProperties(exports, {',
    '  default: { enumerable: true, get: () => { const loaded = load(); return loaded && loaded.__esModule ? loaded.default : loaded; } },',
    ...getters,
    '});',
  ].join('\n');
}

/**
 * Node's `path` and `os` as one module of a bundle. esbuild gives every
 * module that imports a built-in as a namespace (`import * as path from
 * 'node:path'`) a copy of its own, made at start (about forty in
 * dist/guard.js, a millisecond of every hook call); served as an ES module
 * of the same names, the bundle holds one, and `path.join` is a plain call.
 * The names are the built-in's own, as the running Node has them.
 */
export function builtinNamespaces(names) {
  const filter = new RegExp(`^(?:node:)?(?:${names.join('|')})$`);
  return {
    name: 'builtin-namespaces',
    setup(build) {
      build.onResolve({ filter }, (args) => (args.namespace === 'builtin-namespace' ? undefined : { path: args.path.replace(/^node:/, ''), namespace: 'builtin-namespace' }));
      build.onLoad({ filter: /.*/, namespace: 'builtin-namespace' }, (args) => {
        const builtin = requireFromRoot(`node:${args.path}`);
        const keys = Object.getOwnPropertyNames(builtin).filter((key) => /^[A-Za-z_$][\w$]*$/.test(key) && key !== 'default');
        return { contents: `const builtin = require('node:${args.path}');\nexport default builtin;\nexport const { ${keys.join(', ')} } = builtin;\n`, loader: 'js' };
      });
    },
  };
}
