#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppCore } from '../api/core';
import { defaultDbFile, nodeDatabaseSettings, rendererDir } from '../shared/dataPaths';
import { progressBar } from './progressBar';
import { isPostgresLocation, redactLocation, resolveLocation } from '../../db/location';
import type { SeedScale } from '../../db/seed/index';
import { ROLES, type Role } from '../contract/roles';
import { PATTO_HELP, PattoUsageError, runPattoCommand } from './pactCommand';
import { REPORT_HELP, ReportUsageError, runReportCommand } from './reportCommand';

/**
 * The command-line host: `npm run --silent ixl -- <command> [--db FILE]`. It opens the same AppCore as
 * the other hosts; `call` goes through the same dispatch as the UI. It runs compiled (build/electron),
 * and loads the services, the database code and the web host only in the command that needs them, so
 * that `--help` and a usage mistake answer at once (the whole app takes about a second to load).
 */
const HELP: Record<string, string> = {
  migrate:
    'ixl migrate [--db FILE] [--app-role RUOLO]\n  Crea il database o applica le migrazioni mancanti. Su un server PostgreSQL lo esegue il proprietario dello schema;\n' +
    '  --app-role RUOLO dà al ruolo con cui si collegano le postazioni i suoi permessi (dati sì; schema, registro e movimenti\n' +
    '  contabili non modificabili), rinnovati a ogni migrazione successiva.',
  seed: 'ixl seed [--db FILE] --scale demo|real|xl [--seed N]\n  Riempie un database vuoto con dati dimostrativi deterministici.',
  serve: 'ixl serve [--db FILE] [--port N]\n  Avvia la modalità browser su 127.0.0.1 (chiave da IXL_WEB_TOKEN o casuale).',
  backup:
    'ixl backup [--db FILE] [--out DIR | --to FILE]\n  Esegue un backup del database (nella cartella backups accanto al database, o in DIR).\n' +
    '  --to FILE salva una copia fuori dall’applicazione: se è impostata la passphrase dei backup la copia è cifrata\n' +
    '  (AES-256-GCM) e la passphrase si legge da IXL_BACKUP_PASSPHRASE o si chiede al terminale.\n' +
    '  Su un server PostgreSQL (--db postgres://…) usa pg_dump (formato custom, in DIR o nel file --to) se è installato.',
  restore:
    'ixl restore [--db FILE] --from BACKUP\n  Verifica il file e ripristina il database, conservando una copia di quello sostituito.\n' +
    '  Un backup cifrato chiede la passphrase (IXL_BACKUP_PASSPHRASE o il terminale); se è errata non cambia nulla.',
  user: 'ixl user add [--db FILE] --username NOME --name "Nome Cognome" --role RUOLO\n  Crea un utente; la password si legge da IXL_PASSWORD o dallo standard input.\n  Ruoli: ' + ROLES.join(', '),
  call: "ixl call [--db FILE] METODO ['{\"json\": 1}']\n  Chiama un metodo dell'API come amministratore di sistema e stampa il risultato.",
  methods: 'ixl methods\n  Elenca i metodi dell’API.',
  db:
    'ixl db copy --from DATABASE --to DATABASE\n  Copia tutto il contenuto di un database in un altro vuoto (file SQLite o postgres://…, in entrambi i versi),\n' +
    '  poi confronta righe e importi dei due lati. Serve a portare un ufficio sul database condiviso e a farne una copia su file.',
  patto: PATTO_HELP,
  report: REPORT_HELP,
};
const USAGE = `IXL Desk — riga di comando\n\nUso: npm run --silent ixl -- <comando> [opzioni]\n\nComandi:\n${Object.values(HELP)
  .map((h) => '  ' + h.replaceAll('\n', '\n  '))
  .join('\n')}\n\nOgni comando accetta --db FILE o --db postgres://utente@server/database (predefinito: ${defaultDbFile()}) e --help.\n` +
  'La password del server si legge da PGPASSWORD o da ~/.pgpass, mai dalla riga di comando.\n';

class UsageError extends Error {}

/** Asks on the terminal without showing what is typed; Ctrl+C stops the command. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const onData = (typed: string) => {
      for (const c of typed) {
        if (c === '\r' || c === '\n' || c === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(value);
          return;
        }
        if (c === '\u0003') {
          stdin.setRawMode(false);
          process.stderr.write('\n');
          process.exit(130);
        }
        value = c === '\u007f' || c === '\b' ? value.slice(0, -1) : value + c;
      }
    };
    stdin.on('data', onData);
  });
}

/** The backup passphrase: IXL_BACKUP_PASSPHRASE, else asked on the terminal, else the first line of the standard input. */
async function backupPassphrase(): Promise<string> {
  const fromEnv = process.env.IXL_BACKUP_PASSPHRASE;
  if (fromEnv) return fromEnv;
  return process.stdin.isTTY ? promptHidden('Passphrase dei backup: ') : readStdinLine();
}

function readStdinLine(): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk) => (data += chunk));
    process.stdin.on('end', () => resolve(data.split(/\r?\n/)[0] ?? ''));
  });
}

async function openCore(dbFile: string): Promise<AppCore> {
  const { AppCore } = await import('../api/core.js');
  return await AppCore.open(dbFile);
}

async function withCore<T>(dbFile: string, fn: (core: AppCore) => Promise<T>): Promise<T> {
  const core = await openCore(dbFile);
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      port: { type: 'string' },
      out: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      id: { type: 'string' },
      blank: { type: 'boolean' },
      period: { type: 'string' },
      format: { type: 'string' },
      'app-role': { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || command === 'help') {
    process.stdout.write(USAGE);
    return command || values.help ? 0 : 1;
  }
  const help = HELP[command];
  if (!help) throw new UsageError(`Comando sconosciuto: ${command}`);
  if (values.help) {
    process.stdout.write(help + '\n');
    return 0;
  }
  const dbFile = resolveLocation(values.db ?? defaultDbFile());
  const shown = redactLocation(dbFile);

  switch (command) {
    case 'migrate': {
      const appRole = values['app-role'];
      if (appRole && !isPostgresLocation(dbFile)) throw new UsageError('--app-role vale solo per un server PostgreSQL (--db postgres://…)');
      const { Store } = await import('../../db/connection.js');
      await (await Store.open(dbFile, { appRole })).close();
      console.log(`Database pronto: ${shown}`);
      if (appRole) console.log(`Permessi dell’applicazione concessi al ruolo ${appRole}.`);
      return 0;
    }

    case 'seed': {
      const scale = values.scale as SeedScale | undefined;
      if (!scale || !['demo', 'real', 'xl'].includes(scale)) throw new UsageError('Indicare --scale demo, real oppure xl');
      const seed = values.seed === undefined ? 1 : Number(values.seed);
      if (!Number.isSafeInteger(seed)) throw new UsageError('--seed deve essere un numero intero');
      const bar = progressBar();
      const options = { scale, seed, onProgress: (done: number, total: number, label: string) => bar.update(done, total, label) };
      let summary;
      if (isPostgresLocation(dbFile)) {
        // one transaction on the server: a stopped seed leaves it as it was
        const [{ Store }, { seedStore }] = await Promise.all([import('../../db/connection.js'), import('../../db/seed/store.js')]);
        const store = await Store.open(dbFile);
        try {
          summary = await seedStore(store, options);
        } finally {
          await store.close();
        }
      } else {
        const { seedFile } = await import('../../db/seed/file.js');
        // Through a temporary file renamed at the end: a stopped seed leaves the file as it was.
        summary = seedFile(dbFile, options);
      }
      bar.finish();
      console.log(
        `Dati dimostrativi (${scale}, seme ${seed}) in ${(summary.ms / 1000).toFixed(1)} s: ${summary.people} persone, ${summary.cases} casi, ` +
          `${summary.companies} aziende, ${summary.interventions} percorsi, ${summary.pacts} patti, ${summary.commitments + summary.payments} movimenti contabili.`,
      );
      return 0;
    }

    case 'serve': {
      const port = values.port === undefined ? 5180 : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port deve essere un numero di porta');
      const secret = process.env.IXL_WEB_TOKEN || randomBytes(24).toString('base64url');
      const { startWebHost } = await import('../web/server.js');
      const core = await openCore(dbFile);
      core.databaseSettings = nodeDatabaseSettings(values.db ?? (process.env.IXL_DB?.trim() || null));
      core.startBackups();
      const host = await startWebHost({ core, port, secret, staticDir: rendererDir() });
      console.log(`IXL Desk in modalità browser: ${host.url}#token=${secret}`);
      console.log(`Database: ${shown}`);
      const stop = async () => {
        await host.close();
        await core.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      return new Promise<number>(() => undefined); // serve until stopped
    }

    case 'backup': {
      if (values.out && values.to) throw new UsageError('Indicare --out DIR oppure --to FILE, non entrambi');
      const { backupNow, backupDirFor, backupStatus, saveCopyTo } = await import('../services/system/backup.js');
      const { serviceContext } = await import('../services/context.js');
      return withCore(dbFile, async (core) => {
        const ctx = serviceContext(core.store);
        if (core.store.engine === 'postgres') {
          const { dumpSharedDatabase } = await import('../services/system/serverBackup.js');
          const name = `ixl-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.dump`;
          const target = values.to ? path.resolve(values.to) : path.join(path.resolve(values.out ?? '.'), name);
          const { sizeBytes } = await dumpSharedDatabase(ctx, target);
          console.log(`Backup del server eseguito con pg_dump (formato custom, ${(sizeBytes / 1e6).toFixed(1)} MB): ${target}\nSi ripristina con pg_restore.`);
          return 0;
        }
        const { passphraseSet } = await backupStatus(ctx);
        if (values.to) {
          const target = path.resolve(values.to);
          const { encrypted } = await saveCopyTo(ctx, { target, passphrase: passphraseSet ? await backupPassphrase() : undefined });
          console.log(`Copia ${encrypted ? 'cifrata ' : ''}salvata: ${target}`);
          return 0;
        }
        const dir = values.out ? path.resolve(values.out) : backupDirFor(dbFile);
        if (passphraseSet && dir !== backupDirFor(dbFile)) {
          throw new UsageError('È impostata una passphrase dei backup: per una copia fuori dalla cartella dell’applicazione usare --to FILE, che la cifra');
        }
        const info = await backupNow(ctx, { reason: 'manuale', dir });
        console.log(`Backup eseguito: ${path.join(dir, info.fileName)}`);
        return 0;
      });
    }

    case 'restore': {
      if (!values.from) throw new UsageError('Indicare il file da ripristinare con --from');
      const source = path.resolve(values.from);
      if (!fs.existsSync(source)) throw new UsageError(`File non trovato: ${source}`);
      const { restoreFrom } = await import('../services/system/backup.js');
      const { isEncryptedBackup } = await import('../services/system/backupCrypto.js');
      const { serviceContext } = await import('../services/context.js');
      const passphrase = isEncryptedBackup(source) ? await backupPassphrase() : undefined;
      return withCore(dbFile, async (core) => {
        const result = await restoreFrom(serviceContext(core.store), { source, passphrase });
        console.log(`Database ripristinato da ${result.restoredFrom}; copia del database sostituito: ${result.safetyCopy}`);
        return 0;
      });
    }

    case 'user': {
      if (rest[0] !== 'add') throw new UsageError('Uso: ixl user add --username NOME --name "Nome Cognome" --role RUOLO');
      if (!values.role || !ROLES.includes(values.role as Role)) throw new UsageError(`Ruolo non valido; ruoli: ${ROLES.join(', ')}`);
      const password = process.env.IXL_PASSWORD ?? (await readStdinLine());
      return withCore(dbFile, async (core) => {
        const outcome = await core.callAsSystem('auth.users.create', { username: values.username, fullName: values.name, role: values.role, password });
        if (!outcome.ok) throw new UsageError(outcome.error.message + formatFields(outcome.error.fields));
        console.log(`Utente creato: ${values.username} (${values.role})`);
        return 0;
      });
    }

    case 'call': {
      const [method, json] = rest;
      if (!method) throw new UsageError('Indicare il metodo, ad esempio: ixl call dashboard.counts');
      let input: unknown = {};
      try {
        input = json ? JSON.parse(json) : {};
      } catch {
        throw new UsageError('Il secondo argomento deve essere JSON valido');
      }
      return withCore(dbFile, async (core) => {
        const outcome = await core.callAsSystem(method, input);
        console.log(JSON.stringify(outcome.ok ? outcome.result : { error: outcome.error }, null, 2));
        return outcome.ok ? 0 : 2;
      });
    }

    case 'patto':
      return runPattoCommand({ dbFile, id: values.id, out: values.out, blank: values.blank }).catch((e: unknown) => Promise.reject(e instanceof PattoUsageError ? new UsageError(e.message) : e));

    case 'report':
      return runReportCommand({ dbFile, period: values.period, format: values.format, out: values.out }).catch((e: unknown) => Promise.reject(e instanceof ReportUsageError ? new UsageError(e.message) : e));

    case 'db': {
      if (rest[0] !== 'copy') throw new UsageError('Uso: ixl db copy --from DATABASE --to DATABASE');
      if (!values.from || !values.to) throw new UsageError('Indicare --from e --to (un file SQLite o postgres://…)');
      const [from, to] = [resolveLocation(values.from), resolveLocation(values.to)];
      if (from === to) throw new UsageError('--from e --to indicano lo stesso database');
      if (!isPostgresLocation(from) && !fs.existsSync(from)) throw new UsageError(`Il database da copiare non esiste: ${from}`);
      const [{ Store }, { copyDatabase }] = await Promise.all([import('../../db/connection.js'), import('../../db/copy.js')]);
      const source = await Store.open(from);
      try {
        const target = await Store.open(to);
        try {
          const bar = progressBar();
          const report = await copyDatabase(source, target, (p) => bar.update(p.done, p.total, p.table));
          bar.finish();
          const rows = Object.values(report.tables).reduce((a, n) => a + n, 0);
          console.log(`Copiate ${rows} righe di ${Object.keys(report.tables).length} tabelle in ${(report.ms / 1000).toFixed(1)} s: righe e importi coincidono.`);
          console.log(`Da: ${redactLocation(from)}\nA:  ${redactLocation(to)}`);
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
      return 0;
    }

    case 'methods': {
      const { describeMethods } = await import('../api/dispatch.js');
      for (const m of describeMethods()) console.log(`${m.name.padEnd(24)} ${m.summary}`);
      return 0;
    }
  }
  throw new UsageError(`Comando sconosciuto: ${command}`);
}

function formatFields(fields: Record<string, string> | undefined): string {
  return fields ? '\n' + Object.entries(fields).map(([k, v]) => `  ${k}: ${v}`).join('\n') : '';
}

/**
 * Exits once stdout and stderr have handed everything to the OS: on a pipe they write asynchronously,
 * and process.exit() before that would cut a long answer (`ixl call … | jq`).
 */
async function exitWhenFlushed(code: number): Promise<never> {
  await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
  process.exit(code);
}

main(process.argv.slice(2)).then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`Errore: ${message}`);
    if (error instanceof UsageError) console.error('Usare --help per la guida.');
    return exitWhenFlushed(error instanceof UsageError ? 64 : 1);
  },
);
