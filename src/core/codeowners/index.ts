// The CODEOWNERS engine: locate the file, parse it, ask who owns a path.

export type { CodeownersFlavor, CodeownersRule, GitlabSection, OwnersLookup, OwnersMatch, ParsedCodeowners } from './model';
export { parseCodeowners, type ParseOptions } from './parse';
export { compileCodeowners, type CodeownersMatcher, type LookupStrategy } from './matcher';
export { locateCodeowners, CODEOWNERS_LOCATIONS, type LocatedCodeowners } from './locate';
export { CODEOWNERS_MAX_BYTES } from './file-checks';
export { MAX_GLOBSTARS, MAX_PATTERN_LENGTH } from './pattern';
export { codeownersLine, nearestRule, patternsOf, usualOwners, withLinesAtTop, type CodeownersLine } from './suggest';
export { isValidOwner } from './owners';
