import { describe, it, expect, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { aboutDetail, buildMenuTemplate, type MenuActions } from './menu';

function actions() {
  return { backup: vi.fn<() => void>(), about: vi.fn<() => void>() } satisfies MenuActions;
}

function labels(template: MenuItemConstructorOptions[]): string[] {
  return template.map((m) => m.label ?? '');
}

function items(template: MenuItemConstructorOptions[], menu: string): MenuItemConstructorOptions[] {
  const found = template.find((m) => m.label === menu);
  if (!found || !Array.isArray(found.submenu)) throw new Error(`menu ${menu} mancante`);
  return found.submenu.filter((i) => i.type !== 'separator');
}

function itemLabels(template: MenuItemConstructorOptions[], menu: string): string[] {
  return items(template, menu).map((i) => i.label ?? '');
}

describe('buildMenuTemplate', () => {
  const template = buildMenuTemplate({ isPackaged: true, platform: 'win32', actions: actions() });

  it('has the Italian menus in order', () => {
    expect(labels(template)).toEqual(['File', 'Modifica', 'Visualizza', 'Finestra', 'Aiuto']);
  });

  it('has the Italian items', () => {
    expect(itemLabels(template, 'File')).toEqual(['Backup ora', 'Esci']);
    expect(itemLabels(template, 'Modifica')).toEqual(['Annulla', 'Ripeti', 'Taglia', 'Copia', 'Incolla', 'Seleziona tutto']);
    expect(itemLabels(template, 'Visualizza')).toEqual(['Ricarica', 'Zoom avanti', 'Zoom indietro', 'Reimposta zoom', 'Schermo intero']);
    expect(itemLabels(template, 'Finestra')).toEqual(['Riduci a icona', 'Chiudi']);
    expect(itemLabels(template, 'Aiuto')).toEqual(['Informazioni su IXL Desk']);
  });

  it('uses the native roles for the standard items', () => {
    expect(items(template, 'Modifica').map((i) => i.role)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(items(template, 'File')[1]?.role).toBe('quit');
  });

  it('shows the developer tools only in development', () => {
    expect(itemLabels(template, 'Visualizza')).not.toContain('Strumenti per sviluppatori');
    const dev = buildMenuTemplate({ isPackaged: false, platform: 'linux', actions: actions() });
    expect(itemLabels(dev, 'Visualizza')).toContain('Strumenti per sviluppatori');
  });

  it('calls the actions', () => {
    const a = actions();
    const t = buildMenuTemplate({ isPackaged: true, platform: 'linux', actions: a });
    const click = (item: MenuItemConstructorOptions | undefined) => (item?.click as (() => void) | undefined)?.();
    click(items(t, 'File')[0]);
    click(items(t, 'Aiuto')[0]);
    expect(a.backup).toHaveBeenCalledTimes(1);
    expect(a.about).toHaveBeenCalledTimes(1);
  });

  it('adds the application menu on macOS and moves "Esci" there', () => {
    const mac = buildMenuTemplate({ isPackaged: true, platform: 'darwin', actions: actions() });
    expect(labels(mac)).toEqual(['IXL Desk', 'File', 'Modifica', 'Visualizza', 'Finestra', 'Aiuto']);
    expect(itemLabels(mac, 'File')).toEqual(['Backup ora']);
    expect(itemLabels(mac, 'IXL Desk')).toContain('Esci da IXL Desk');
  });
});

describe('aboutDetail', () => {
  it('shows the version', () => {
    const text = aboutDetail({ version: '0.1.0', electron: '45.4.1', chrome: '140.0', node: '22.20.0' });
    expect(text).toContain('Versione 0.1.0');
    expect(text).toContain('Electron 45.4.1');
    expect(text).toContain('Insieme per il lavoro');
  });
});
