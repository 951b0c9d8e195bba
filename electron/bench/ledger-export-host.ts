import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isPostgresLocation } from '../../db/location';
import type { Benchmark } from './types';

/**
 * The ledger export as a user of browser mode gets it, measured on the whole host process: the web
 * host (`ixl serve`) runs in a child on a copy of the database; the time runs from the export call
 * to the last byte of the file received, and the host's peak RSS (VmHWM, Linux) is read at the end.
 * `--root DIR` runs the host of another checkout (with its node_modules), to compare with before:
 *   tsx electron/bench/ledger-export-host.ts --db COPY.sqlite [--root DIR]
 * Before issue 10 the file came back base64 in the JSON answer; now it is a job (progress on
 * /events) and a streamed GET /download/<jobId>.
 */

const SECRET = 'bench-ledger-export-host';
const USER = { username: 'bench.export', password: 'password-del-benchmark' };

interface HostReport {
  seconds: number;
  bytes: number;
  peakRssMb: number;
  startRssMb: number;
}

function peakRssMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024);
}

async function waitForUrl(host: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    host.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (url) resolve(url);
    });
    host.once('exit', (code) => reject(new Error(`il server è uscito (${code})`)));
  });
}

/** The backup made at every start of the host copies the whole database: wait until it is written. */
async function waitForStartBackup(dbFile: string): Promise<void> {
  const dir = path.join(path.dirname(dbFile), 'backups');
  let last = -1;
  for (;;) {
    await new Promise((r) => setTimeout(r, 2000));
    const size = fs.existsSync(dir) ? fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) : 0;
    if (size > 0 && size === last) return;
    last = size;
  }
}

async function rpc(url: string, method: string, input: unknown, session?: string): Promise<unknown> {
  const res = await fetch(`${url}rpc/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${SECRET}`, ...(session ? { 'X-IXL-Session': session } : {}) },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string } };
  if (!res.ok) throw new Error(`${method}: ${body.error?.message}`);
  return body.result;
}

/** Reads a response body to the end, counting bytes, keeping none. */
async function drain(res: Response): Promise<number> {
  let bytes = 0;
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return bytes;
    bytes += value.length;
  }
}

async function waitForJob(url: string, jobId: string): Promise<void> {
  const res = await fetch(`${url}events?token=${SECRET}`);
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('eventi interrotti');
    text += decoder.decode(value, { stream: true });
    const end = new RegExp(`"jobId":"${jobId}"[^\\n]*"state":"(done|error|cancelled)"`).exec(text);
    if (end) {
      await reader.cancel();
      if (end[1] !== 'done') throw new Error(`esportazione: ${end[1]}`);
      return;
    }
    text = text.slice(text.lastIndexOf('\n\n') + 1);
  }
}

export async function measureHostExport(dbFile: string, root: string): Promise<HostReport> {
  const cli = path.join(root, 'electron/cli/cli.ts');
  const env = { ...process.env, IXL_WEB_TOKEN: SECRET, IXL_PASSWORD: USER.password };
  // a user to log in with (refused harmlessly when a previous run created it)
  spawnSync(process.execPath, ['--import', 'tsx', cli, 'user', 'add', '--db', dbFile, '--username', USER.username, '--name', 'Benchmark Esportazione', '--role', 'finanza'], { cwd: root, env });
  const host = spawn(process.execPath, ['--import', 'tsx', cli, 'serve', '--db', dbFile, '--port', '0'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const url = await waitForUrl(host);
    // a shared server has no start backup (its administrator backs it up)
    if (!isPostgresLocation(dbFile)) await waitForStartBackup(dbFile);
    const pid = host.pid as number;
    const startRssMb = peakRssMb(pid, 'VmRSS');
    const { token } = (await rpc(url, 'auth.login', USER)) as { token: string };
    const started = performance.now();
    const answer = (await rpc(url, 'budget.export.ledger', { filter: {} }, token)) as { jobId?: string; contentBase64?: string };
    let bytes: number;
    if (answer.jobId) {
      await waitForJob(url, answer.jobId);
      bytes = await drain(await fetch(`${url}download/${answer.jobId}?token=${SECRET}`));
    } else {
      bytes = Buffer.byteLength(answer.contentBase64 ?? '', 'base64');
    }
    const seconds = (performance.now() - started) / 1000;
    return { seconds, bytes, startRssMb, peakRssMb: peakRssMb(pid, 'VmHWM') };
  } finally {
    host.kill('SIGKILL');
    if (!isPostgresLocation(dbFile)) fs.rmSync(path.join(path.dirname(dbFile), 'backups'), { recursive: true, force: true });
  }
}

function print(r: HostReport): void {
  console.log(
    `budget.ledger-export-host: file di ${(r.bytes / 1e6).toFixed(1)} MB ricevuto in ${r.seconds.toFixed(1)} s; RSS del server ${r.startRssMb} MB all’avvio, picco ${r.peakRssMb} MB`,
  );
}

export const ledgerExportHostBenchmarks: Benchmark[] = [
  {
    name: 'budget.ledger-export-host',
    runs: 1,
    warmUp: false,
    // on a copy of a SQLite file: the host writes (its start backup, the user, the audit row); a
    // server's bench database takes the user and the audit row
    run: async ({ location: file }) => {
      if (isPostgresLocation(file)) return print(await measureHostExport(file, path.resolve(__dirname, '../..')));
      const copy = path.join(path.dirname(file), `export-host-${process.pid}`, path.basename(file));
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      try {
        fs.copyFileSync(file, copy);
        print(await measureHostExport(copy, path.resolve(__dirname, '../..')));
      } finally {
        fs.rmSync(path.dirname(copy), { recursive: true, force: true });
      }
    },
  },
];

if (require.main === module) {
  const { values } = parseArgs({ options: { db: { type: 'string' }, root: { type: 'string' } } });
  if (!values.db) throw new Error('Uso: tsx electron/bench/ledger-export-host.ts --db COPIA.sqlite [--root CARTELLA]');
  measureHostExport(path.resolve(values.db), path.resolve(values.root ?? path.join(__dirname, '../..'))).then(print, (error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
