// Prism's tokenizer and the grammars of the languages product teams write
// copy in, beyond JavaScript: Go, PHP, Python, Ruby, Kotlin, Swift, HTML and
// the template languages of the server frameworks (Twig, Jinja/Django, ERB).
// Prism is maintained, has no dependencies, and its grammars (about 30 KB
// for these) tell strings and comments apart the way each language does; it
// never throws on code it does not follow, it leaves it as plain text.
// Required by prism.ts on the first file that needs it: loading the grammars
// (each language file rewrites the others' through Prism's insertBefore)
// costs a change that holds no such file nothing.
import { hadPrism, previousPrism } from './prismBefore';
import Prism from 'prismjs/components/prism-core';
import 'prismjs/components/prism-clike';
import 'prismjs/components/prism-markup';
import 'prismjs/components/prism-markup-templating';
import 'prismjs/components/prism-go';
import 'prismjs/components/prism-php';
import 'prismjs/components/prism-python';
import 'prismjs/components/prism-ruby';
import 'prismjs/components/prism-erb';
import 'prismjs/components/prism-twig';
import 'prismjs/components/prism-django';
import 'prismjs/components/prism-kotlin';
import 'prismjs/components/prism-swift';

// The language files have read the global; the host's own is put back, so no other code sees PM Zone's.
const host = globalThis as { Prism?: unknown };
if (hadPrism) host.Prism = previousPrism;
else delete host.Prism;

export { Prism };
