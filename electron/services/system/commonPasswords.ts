import fs from 'node:fs';
import { passwordProblem } from '../../domain/passwordPolicy';
import { fail } from '../../contract/errors';
import { resourceFile } from '../resources';

/** The list of common passwords shipped in resources/passwords/common.txt: lower case, one a line, # for comments. */
let common: Set<string> | undefined;

function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(resourceFile(['passwords', 'common.txt']), 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
  return common;
}

/** Refuses a new password that breaks a rule of the policy (electron/domain/passwordPolicy.ts), on the field `field`. */
export function assertPasswordAllowed(password: string, username: string, field = 'password'): void {
  const problem = passwordProblem(password, { username, isCommon: (lower) => commonPasswords().has(lower) });
  if (problem) fail({ [field]: problem });
}
