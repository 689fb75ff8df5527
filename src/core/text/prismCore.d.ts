// Prism's core alone, without the languages prismjs's main file loads: the
// same API that @types/prismjs declares for `prismjs`.
declare module 'prismjs/components/prism-core' {
  import * as Prism from 'prismjs';
  export = Prism;
}
