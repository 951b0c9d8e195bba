import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { MIN_SIZE, type WindowState } from './windowState';

/**
 * The main window's options, in one place (Electron security checklist). Type-only import of
 * 'electron', so the security flags are unit-tested without the Electron binary.
 */

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export function mainWindowOptions(preload: string, state: WindowState): BrowserWindowConstructorOptions {
  return {
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : { center: true }),
    width: state.width,
    height: state.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'IXL Desk',
    // shown on 'ready-to-show', so the user never sees an empty white frame
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preload),
  };
}
