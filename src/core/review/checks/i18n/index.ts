// Copy and i18n: strings files in JSON or YAML, compared with their source locale.
export { i18nCheck, i18nCheckWith, MAX_COMPARED_STRINGS } from './check';
export { formatOf, isStringsFile, scanStrings } from './stringsFile';
export { KeyPaths, scanJson, type JsonLeaf, type JsonScan } from './json';
export { detectGrammar, readMessage, type Grammar, type Token } from './placeholders';
export { compareWithSource } from './compare';
export { localeSetOf, sourceOf, sourceOfSet, COMMON_LOCALES } from './localeSet';
export { keyUses, type KeyUse } from './uses';
