#!/usr/bin/env node
// Sets up a PostgreSQL server for an office network, with exactly the steps of the README's
// «Database condiviso per una rete di uffici»:
//   1. as a superuser: the owner role and the application role, and the database, owned by the owner
//      and closed to every other role;
//   2. as the owner: `ixl migrate --app-role` — the schema, and the application role's rights;
//   3. the address the desks connect with.
// Passwords come from the environment, never from the command line: PGPASSWORD (or ~/.pgpass) for the
// superuser, IXL_OWNER_PASSWORD and IXL_APP_PASSWORD for the two roles it creates. TLS settings in the
// --admin URL (?sslmode=verify-full&sslrootcert=/path/ca.pem) are used for every connection. Running it
// again changes nothing that exists (roles keep their passwords) and migrates what is new.
//
//   IXL_OWNER_PASSWORD=… IXL_APP_PASSWORD=… PGPASSWORD=… node scripts/setup-shared-db.mjs \
//     --admin postgres://postgres@server:5432/postgres [--database ixl] [--owner ixl_owner] [--app ixl_app]
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function fail(message) {
  console.error(`Errore: ${message}`);
  process.exit(1);
}

const { values } = parseArgs({
  options: {
    admin: { type: 'string' },
    database: { type: 'string', default: 'ixl' },
    owner: { type: 'string', default: 'ixl_owner' },
    app: { type: 'string', default: 'ixl_app' },
  },
});
const { admin, database, owner, app } = values;
if (!admin || !/^postgres(ql)?:\/\//.test(admin)) fail('Indicare --admin postgres://superutente@server:porta/postgres');
for (const name of [database, owner, app]) if (!NAME.test(name)) fail(`Nome non valido: «${name}» (lettere minuscole, cifre e _)`);
if (owner === app) fail('Il proprietario e il ruolo dell’applicazione devono essere due ruoli diversi');
const passwords = { [owner]: process.env.IXL_OWNER_PASSWORD, [app]: process.env.IXL_APP_PASSWORD };
if (!passwords[owner] || !passwords[app]) fail('Indicare le password dei due ruoli in IXL_OWNER_PASSWORD e IXL_APP_PASSWORD');

/** Runs node with `args` in the project folder; stops here if it fails. */
function node(args, env = process.env) {
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

// the compiled Node side, as `npm run ixl` uses it: its TLS settings and password masking here too
node([path.join(root, 'scripts', 'fresh-build.mjs'), 'electron']);
const pg = require('pg');
const { pgConfig } = require(path.join(root, 'build/electron/db/postgres/config.js'));
const { redactLocation, serverOf } = require(path.join(root, 'build/electron/db/location.js'));
const { connectionFailureMessage } = require(path.join(root, 'build/electron/db/postgres/errors.js'));

/** The --admin URL with another database, and optionally another user and no password. */
function urlFor(db, user) {
  const url = new URL(admin);
  url.pathname = `/${db}`;
  if (user) {
    url.username = user;
    url.password = '';
  }
  return url.toString();
}

async function asSuperuser(db, work) {
  const client = new pg.Client({ ...pgConfig(urlFor(db)), application_name: 'IXL Desk (installazione)' });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

async function main() {
  const adminDb = new URL(admin).pathname.slice(1) || 'postgres';
  console.log(`1. Ruoli e database su ${redactLocation(urlFor(adminDb))}`);
  await asSuperuser(adminDb, async (c) => {
    for (const role of [owner, app]) {
      const exists = (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount > 0;
      if (!exists) await c.query(`CREATE ROLE ${role} LOGIN PASSWORD ${c.escapeLiteral(passwords[role])}`);
      console.log(`   ruolo ${role}: ${exists ? 'già presente' : 'creato'}`);
    }
    const exists = (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])).rowCount > 0;
    if (!exists) await c.query(`CREATE DATABASE ${database} OWNER ${owner}`);
    console.log(`   database ${database}: ${exists ? 'già presente' : `creato, di proprietà di ${owner}`}`);
    await c.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`);
    await c.query(`GRANT CONNECT ON DATABASE ${database} TO ${app}`);
  });
  // the schema where the tables go: the owner's, closed to every other role (before PostgreSQL 15 anyone could create in it)
  await asSuperuser(database, async (c) => {
    await c.query(`ALTER SCHEMA public OWNER TO ${owner}`);
    await c.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
  });

  const ownerUrl = urlFor(database, owner);
  console.log(`2. Schema e permessi, come proprietario: ixl migrate --db ${ownerUrl} --app-role ${app}`);
  node([path.join(root, 'build/electron/electron/cli/cli.js'), 'migrate', '--db', ownerUrl, '--app-role', app], { ...process.env, PGPASSWORD: passwords[owner] });

  console.log('3. Indirizzo per le postazioni (la password del ruolo in Impostazioni → Database, o in PGPASSWORD o ~/.pgpass):');
  console.log(`   ${urlFor(database, app)}`);
}

main().catch((error) => fail(connectionFailureMessage(error, serverOf(admin)) ?? (error instanceof Error ? error.message : String(error))));
