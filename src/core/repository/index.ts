export { loadRepositoryPolicy, parsePolicySources, buildRepositoryPolicy, configProblems, problemsFor, type RepositoryPolicy, type PolicySources } from './repositoryPolicy';
export { withNamesInRepository } from './namesInRepository';
export { DEFAULT_SETTINGS, PLANNING_TEMPLATE_FILE, repositoryFilePath, type PolicySettings } from './settings';
export { describeZone, reasonLocation, zoneSummary, ZONE_TITLES } from './describe';
export { guardFileProblems, presentGuardFiles, untrackedPolicyProblems } from './untrackedPolicy';
export { trackedPathOf, zoneOnDisk, zoneThroughLinks, type TrackedPath } from './linkedPath';
export { committedPolicy, type PolicyAt } from './committedPolicy';
export { DEFAULT_PACKAGE_MANAGER, detectPackageManager, listsPmZone, packageManagerNamed, type PackageManager, type PackageManagerName } from './packageManager';
export { enforceLines, type EnforceLines } from './enforceLines';
