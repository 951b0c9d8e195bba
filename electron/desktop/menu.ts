import type { MenuItemConstructorOptions } from 'electron';

/**
 * The Italian application menu, built by a pure function so it is tested without Electron.
 * Standard items use Electron roles (native behaviour and accelerators) with Italian labels.
 */

export interface MenuActions {
  /** Asks for a backup now (see main.ts for why it goes through the renderer). */
  backup(): void;
  about(): void;
}

export interface MenuOptions {
  /** Developer tools only in development builds. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
  actions: MenuActions;
}

export const ABOUT_LABEL = 'Informazioni su IXL Desk';

export function buildMenuTemplate({ isPackaged, platform, actions }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const sep: MenuItemConstructorOptions = { type: 'separator' };

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { id: 'backup', label: 'Backup ora', click: () => actions.backup() },
      // on macOS "Esci" lives in the application menu
      ...(isMac ? [] : [sep, { role: 'quit', label: 'Esci' } satisfies MenuItemConstructorOptions]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: 'Modifica',
    submenu: [
      { role: 'undo', label: 'Annulla' },
      { role: 'redo', label: 'Ripeti' },
      sep,
      { role: 'cut', label: 'Taglia' },
      { role: 'copy', label: 'Copia' },
      { role: 'paste', label: 'Incolla' },
      sep,
      { role: 'selectAll', label: 'Seleziona tutto' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'Visualizza',
    submenu: [
      { role: 'reload', label: 'Ricarica' },
      sep,
      { role: 'zoomIn', label: 'Zoom avanti' },
      { role: 'zoomOut', label: 'Zoom indietro' },
      { role: 'resetZoom', label: 'Reimposta zoom' },
      sep,
      { role: 'togglefullscreen', label: 'Schermo intero' },
      ...(isPackaged ? [] : [sep, { role: 'toggleDevTools', label: 'Strumenti per sviluppatori' } satisfies MenuItemConstructorOptions]),
    ],
  };
  const windowMenu: MenuItemConstructorOptions = {
    label: 'Finestra',
    submenu: [
      { role: 'minimize', label: 'Riduci a icona' },
      { role: 'close', label: 'Chiudi' },
    ],
  };
  const help: MenuItemConstructorOptions = {
    label: 'Aiuto',
    submenu: [{ id: 'about', label: ABOUT_LABEL, click: () => actions.about() }],
  };

  const appMenu: MenuItemConstructorOptions = {
    label: 'IXL Desk',
    submenu: [
      { label: ABOUT_LABEL, click: () => actions.about() },
      sep,
      { role: 'hide', label: 'Nascondi IXL Desk' },
      { role: 'hideOthers', label: 'Nascondi altre' },
      { role: 'unhide', label: 'Mostra tutte' },
      sep,
      { role: 'quit', label: 'Esci da IXL Desk' },
    ],
  };
  return [...(isMac ? [appMenu] : []), file, edit, view, windowMenu, help];
}

export interface AboutInfo {
  version: string;
  electron: string;
  chrome: string;
  node: string;
}

/** The text of the "Informazioni su IXL Desk" dialog. */
export function aboutDetail(info: AboutInfo): string {
  return [
    `Versione ${info.version}`,
    '',
    `Electron ${info.electron}`,
    `Chromium ${info.chrome}`,
    `Node.js ${info.node}`,
    '',
    'Insieme per il lavoro — Bologna',
  ].join('\n');
}
