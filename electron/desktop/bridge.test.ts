import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';

/** The preload cannot import our modules (sandbox), so check its channel names match the main side's. */
function channels(file: string): Record<string, string> {
  const source = fs.readFileSync(path.join(__dirname, file), 'utf8');
  return Object.fromEntries([...source.matchAll(/const (\w+): IpcChannel = '([^']+)'/g)].map((m) => [m[1], m[2]]));
}

describe('IPC channels', () => {
  it('are the same in preload.ts and ipc.ts', () => {
    const preload = channels('preload.ts');
    expect(Object.keys(preload).sort()).toEqual(['DATABASE', 'INVOKE', 'MENU', 'PRINT_PDF', 'PROGRESS', 'SAVE_FILE', 'SAVE_JOB']);
    expect(channels('ipc.ts')).toEqual(preload);
  });

  it('the preload imports nothing but electron at run time', () => {
    const source = fs.readFileSync(path.join(__dirname, 'preload.ts'), 'utf8');
    const valueImports = [...source.matchAll(/^import (?!type )[^;]* from '([^']+)'/gm)].map((m) => m[1]);
    expect(valueImports).toEqual(['electron']);
  });
});
