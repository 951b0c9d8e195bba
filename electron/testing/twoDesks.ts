import { AppCore } from '../api/core';
import type { CallResult } from '../contract/errors';
import { callOk } from './calls';
import { setupAdmin, tempCore, type TempCore } from './tempDb';

const PASSWORD = 'Tortellini-in-brodo-42';

/**
 * Two desks on one database: the test's core (Laura Verdi's desk) and a second host opened on the same
 * location with its own connections (Marco Neri's), each logged in as an administrator.
 */
export interface TwoDesks {
  t: TempCore;
  there: AppCore;
  /** Laura Verdi's session on `t.core`. */
  here: string;
  /** Marco Neri's session on `there`. */
  away: string;
  /** The same call ten times at once, alternately from each desk; `input(i)` may vary it. */
  tenAtOnce(method: string, input: (i: number) => unknown): Promise<CallResult[]>;
  close(): Promise<void>;
}

export async function openTwoDesks(): Promise<TwoDesks> {
  const t = await tempCore();
  const admin = await setupAdmin(t.core);
  const there = await AppCore.open(t.file);
  const user = async (core: AppCore, fullName: string, username: string) => {
    await callOk(t.core, 'auth.users.create', { fullName, username, role: 'amministratore', password: PASSWORD }, admin);
    const login = await core.call('auth.login', { username, password: PASSWORD }, null);
    if (!login.ok) throw new Error(login.error.message);
    return (login.result as { token: string }).token;
  };
  const here = await user(t.core, 'Laura Verdi', 'l.verdi');
  const away = await user(there, 'Marco Neri', 'm.neri');
  return {
    t,
    there,
    here,
    away,
    tenAtOnce: (method, input) =>
      Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? there.call(method, input(i), away) : t.core.call(method, input(i), here)))),
    close: async () => {
      await there.close();
      await t.cleanup();
    },
  };
}
