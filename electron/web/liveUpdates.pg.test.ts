import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChangeEvent } from '../../db/changes';
import { AppCore } from '../api/core';
import { DATABASE_UNREACHABLE } from '../api/dispatch';
import { callOk } from '../testing/calls';
import { loginAs, setupAdmin, tempCore, type TempCore } from '../testing/tempDb';
import { sqlValue } from '../testing/sql';
import { EventStream } from '../testing/sse';
import { startWebHost, type WebHost } from './server';

/**
 * Two desks on one shared PostgreSQL database: desk A writes, desk B's web host tells its browser at
 * once (Server-Sent Events `change`), and says when the server cannot be reached (`link`). Desk B
 * reaches the server through a TCP relay this test can cut, as a network would.
 */
const SECRET = 'segreto-di-prova';
let t: TempCore;
let deskB: AppCore;
let host: WebHost;
let relay: Relay;
let coordinator: string;
let coordinatorB: string;

/** A TCP relay to the server that can be cut (open connections reset, new ones refused) and restored on the same port. */
class Relay {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}
  async open(): Promise<void> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
  }
}

/** The desk-B events read from its web host's /events. */
const eventsOf = (url: string) => new EventStream<ChangeEvent>(`${url}events?token=${SECRET}`, ['change', 'link']);

const person = (lastName: string) => ({ lastName, firstName: 'Anna', sex: 'F' as const, birthDate: '1990-04-02', taxCodeMissingReason: 'Non fornito', domicileIstat: '037006' });
const changes = (events: ChangeEvent[]) => events.flatMap((e) => (e.type === 'change' ? e.entities : []));
const links = (events: ChangeEvent[]) => events.flatMap((e) => (e.type === 'link' ? [e.link] : []));
/** Every person registered here signed the privacy notice in force on that day. */
const signed = { privacyAcknowledgedOn: '2024-01-15' } as const;

beforeAll(async () => {
  t = await tempCore();
  const admin = await setupAdmin(t.core);
  coordinator = await loginAs(t.core, admin, 'coordinatore');
  const url = new URL(t.file);
  relay = new Relay({ host: url.hostname, port: Number(url.port) });
  await relay.open();
  url.port = String(relay.port);
  deskB = await AppCore.open(url.toString());
  const login = await deskB.call('auth.login', { username: 'utente.coordinatore', password: 'password-di-prova' }, null);
  if (!login.ok) throw new Error(login.error.message);
  coordinatorB = (login.result as { token: string }).token;
  host = await startWebHost({ core: deskB, port: 0, secret: SECRET, staticDir: null });
  await deskB.changes().ready();
}, 60_000);
afterAll(async () => {
  await host.close();
  await deskB.close();
  await relay.cut();
  await t.cleanup();
});

describe('live updates between desks on a shared database', () => {
  it('a person registered at desk A is announced to desk B; reads and refused writes announce nothing', async () => {
    const reader = eventsOf(host.url);
    try {
      await reader.until((e) => links(e).includes('connected'));
      // a login is audited as a read; a refused write is rolled back with its notification
      expect((await t.core.call('auth.login', { username: 'utente.coordinatore', password: 'password-di-prova' }, null)).ok).toBe(true);
      const refused = await t.core.call('people.create', { ...signed, ...person(''), lastName: '' }, coordinator);
      expect(refused.ok).toBe(false);
      await callOk(t.core, 'people.create', { ...person('Annunciata'), ...signed }, coordinator);
      const events = await reader.until((e) => changes(e).includes('persona'));
      expect(changes(events)).toEqual(['persona']);
      // and desk B's list shows her
      const list = await callOk(deskB, 'people.list', { filter: { search: 'Annunciata' } }, coordinatorB);
      expect(list.rows.map((r) => r.lastName)).toEqual(['Annunciata']);
    } finally {
      await reader.close();
    }
  });

  it('when the server cannot be reached desk B says so, refuses writes without saving anything, and recovers by itself', async () => {
    const reader = eventsOf(host.url);
    try {
      await reader.until((e) => links(e).includes('connected'));
      const before = await sqlValue<number>(t.core.store, 'SELECT count(*) FROM people');
      await relay.cut();
      await reader.until((e) => links(e).includes('disconnected'));
      // the browser of desk B is told too
      expect((await callOk(deskB, 'system.database', {}, coordinatorB)).link).toBe('disconnected');
      const refused = await deskB.call('people.create', { ...person('Sospesa'), ...signed }, coordinatorB);
      expect(refused).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: DATABASE_UNREACHABLE } });
      expect(await sqlValue<number>(t.core.store, 'SELECT count(*) FROM people')).toBe(before);

      // back: connected again, and a change of everything (what was written meanwhile was not heard)
      await callOk(t.core, 'people.create', { ...person('Durante'), ...signed }, coordinator);
      await relay.open();
      const events = await reader.until((e) => links(e).at(-1) === 'connected' && changes(e).includes('*'));
      expect(links(events)).toEqual(['connected', 'disconnected', 'connected']);
      expect((await callOk(deskB, 'people.list', { filter: { search: 'Durante' } }, coordinatorB)).rows).toHaveLength(1);
    } finally {
      await reader.close();
    }
  });
});
