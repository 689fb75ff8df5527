import type { KeyObject } from 'node:crypto';

export interface Signer {
  id: string;
  key: KeyObject;
  release: boolean;
}
export const IDENTITY_FILE: string;
export function committedKeys(): { release: Record<string, string>; development: { id: string; x: string } };
export function developmentPrivateKey(): KeyObject;
export function signingKey(env?: NodeJS.ProcessEnv): Signer;
export function writeIdentity(dist: string, files: string[], manifest: { name: string; version: string }, signer: Signer): void;
