import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The password of a connection whose URL has none, found as libpq (psql) finds it: PGPASSWORD, else
 * the password file — PGPASSFILE, else ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows), one
 * `host:port:database:user:password` per line, `*` matching anything, `\` escaping `:` and `\`, the
 * first matching line winning; on Unix a file that others can read is ignored. pg 8 does this
 * itself only with a deprecation warning on every start, and pg 9 will not do it.
 */
export interface PasswordTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

export function passwordFile(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.PGPASSFILE) return env.PGPASSFILE;
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'postgresql', 'pgpass.conf');
  return path.join(os.homedir(), '.pgpass');
}

/** The fields of one line, split on unescaped colons. */
function fields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length) field += line[++i];
    else if (c === ':') {
      out.push(field);
      field = '';
    } else field += c;
  }
  return [...out, field];
}

export function lookupPassword(target: PasswordTarget, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  if (env.PGPASSWORD) return env.PGPASSWORD;
  const file = passwordFile(env, platform);
  let text: string;
  try {
    if (platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) return undefined;
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const wanted = [target.host, String(target.port), target.database, target.user];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    const f = fields(line);
    if (f.length < 5) continue;
    if (wanted.every((value, i) => f[i] === '*' || f[i] === value)) return f.slice(4).join(':');
  }
  return undefined;
}
