import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppCore } from '../api/core';
import { adminQuery, TEMPLATE_DATABASE } from './postgresServer';
import type { Role } from '../contract/roles';
import type { Store } from '../../db/connection';
import { serviceContext, SYSTEM_CALLER, type ServiceContext } from '../services/context';

export interface TempCore {
  core: AppCore;
  dir: string;
  file: string;
  cleanup: () => Promise<void>;
}

/**
 * A fresh database for a test, with a temporary folder for its files; `cleanup` removes both. On
 * SQLite (the default) a file in that folder; in the `postgres` Vitest project (IXL_TEST_ENGINE, and
 * IXL_TEST_PG set by its global setup) a new database copied from the migrated template on the test server.
 */
export async function tempCore(): Promise<TempCore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ixl-test-'));
  const server = process.env.IXL_TEST_ENGINE === 'postgres' ? process.env.IXL_TEST_PG : undefined;
  if (!server) {
    const file = path.join(dir, 'ixl.sqlite');
    const core = await AppCore.open(file);
    return {
      core,
      dir,
      file,
      cleanup: async () => {
        await core.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(server, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  const location = `${server}/${name}`;
  const core = await AppCore.open(location);
  return {
    core,
    dir,
    file: location,
    cleanup: async () => {
      await core.close();
      await adminQuery(server, `DROP DATABASE ${name} WITH (FORCE)`);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const ADMIN = { fullName: 'Giovanna Trombetti', username: 'g.trombetti', password: 'password-sicura-1' };

/** Creates the administrator through the API and returns its session token. */
export async function setupAdmin(core: AppCore): Promise<string> {
  const outcome = await core.call('auth.setup', ADMIN, null);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return (outcome.result as { token: string }).token;
}

/** Creates a user with the given role (through the API, as the administrator) and logs in; returns the session token. */
export async function loginAs(core: AppCore, adminToken: string, role: Role, username = `utente.${role}`): Promise<string> {
  const password = 'password-di-prova';
  const created = await core.call('auth.users.create', { fullName: `Utente ${role}`, username, role, password }, adminToken);
  if (!created.ok) throw new Error(created.error.message);
  const login = await core.call('auth.login', { username, password }, null);
  if (!login.ok) throw new Error(login.error.message);
  return (login.result as { token: string }).token;
}

/** A service context for calling a service directly, as a user with `role` (the system's name in the audit log). */
export function contextAs(store: Store, role: Role): ServiceContext {
  return serviceContext(store, { ...SYSTEM_CALLER, role });
}
