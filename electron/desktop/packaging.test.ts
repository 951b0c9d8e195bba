import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';

/** The packaging settings that carry security: checked here because packaging itself cannot run on this machine. */
const config = yaml.load(fs.readFileSync(path.resolve(__dirname, '..', '..', 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml', () => {
  it('flips the fuses that stop the binary being used as a plain Node.js or loading code outside app.asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app in an asar, with only native modules unpacked', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toEqual(['**/*.node']);
  });

  it('starts the compiled desktop main', () => {
    const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('build/electron/electron/desktop/main.js');
    expect(fs.existsSync(path.resolve(__dirname, 'main.ts'))).toBe(true);
  });
});
