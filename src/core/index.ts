// The whole core, one namespace per domain. The editor loads it as a bundle
// of its own on first use, so activating the extension does not pay for the
// markdown, YAML and GitHub libraries.
export * as agents from './agents';
export * as audit from './audit';
export * as ci from './ci';
export * as codeowners from './codeowners';
export * as controls from './controls';
export * as defaults from './defaults';
export * as git from './git';
export * as init from './init';
export * as planning from './planning';
export * as policy from './policy';
export * as pr from './pr';
export * as repository from './repository';
export * as review from './review';
export * as skillFile from './skillFile';
export * as text from './text';
