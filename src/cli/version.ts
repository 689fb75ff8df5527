import manifest from '../../package.json';

export const CLI_VERSION: string = manifest.version;
