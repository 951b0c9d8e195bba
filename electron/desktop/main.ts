import { app, BrowserWindow, dialog, Menu, protocol, safeStorage, screen, session, shell, type WebContents } from 'electron';
import { AppCore } from '../api/core';
import { databaseFile, localDatabaseFile, preloadFile, rendererRoot, windowStateFile } from './appPaths';
import { databaseSettingsFile, type SecretBox } from '../shared/savedDatabase';
import { registerIpc, sendMenuCommand } from './ipc';
import { ABOUT_LABEL, aboutDetail, buildMenuTemplate } from './menu';
import { createAppProtocolHandler } from './protocol';
import { APP_ENTRY_URL, APP_SCHEME, isPermissionAllowed, navigationDecision } from '../shared/security';
import { startupErrorMessage } from './startupError';
import { mainWindowOptions } from './window';
import { loadWindowState, saveWindowState, type Rect } from './windowState';

/** The Electron host: lifecycle, one window, the app:// protocol, the menu; the API is AppCore's. */

// Before 'ready': app:// becomes a standard, secure origin (relative URLs, localStorage, fetch).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
// Every renderer sandboxed, whatever its options say.
app.enableSandbox();
// Italian for Chromium's own texts (context menus, form validation) and navigator.language.
app.commandLine.appendSwitch('lang', 'it');

let core: AppCore | undefined;
let mainWindow: BrowserWindow | null = null;

/** Applied to every web contents: no navigation away from app://ixl, no new windows, no webviews. */
function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    const decision = navigationDecision(url);
    if (decision.action === 'allow') return;
    event.preventDefault();
    if (decision.action === 'open-external') void shell.openExternal(decision.url);
  });
  // frames too: an iframe (there should be none) may not navigate anywhere outside the app either
  contents.on('will-frame-navigate', (event) => {
    if (navigationDecision(event.url).action !== 'allow') event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (navigationDecision(url).action !== 'allow') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = navigationDecision(url, false);
    if (decision.action === 'open-external') void shell.openExternal(decision.url);
    return { action: 'deny' };
  });
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => callback(isPermissionAllowed(permission, details.requestingUrl)));
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionAllowed(permission, requestingOrigin));
  // No remote content, as a second wall behind the CSP.
  ses.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] }, (_details, callback) => callback({ cancel: true }));
}

/**
 * The system keychain (Windows DPAPI, macOS Keychain, the Linux secret service) for the shared
 * server's password; none where Electron could only obfuscate it (Linux without a keyring).
 */
function keychain(): SecretBox | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    encrypt: (text) => safeStorage.encryptString(text).toString('base64'),
    decrypt: (data) => safeStorage.decryptString(Buffer.from(data, 'base64')),
  };
}

function workAreas(): Rect[] {
  const primary = screen.getPrimaryDisplay();
  // primary first: clampWindowState falls back to it
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

function createWindow(): void {
  const stateFile = windowStateFile(app.getPath('userData'));
  const state = loadWindowState(stateFile, workAreas());
  const win = new BrowserWindow(mainWindowOptions(preloadFile(__dirname), state));
  mainWindow = win;
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  win.on('close', () => {
    try {
      saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (error) {
      console.warn('[ixl] posizione della finestra non salvata:', error);
    }
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('[ixl] interfaccia non caricata:', error));
}

function showAbout(): void {
  const options = {
    type: 'info' as const,
    title: ABOUT_LABEL,
    message: 'IXL Desk',
    detail: aboutDetail({ version: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node }),
    buttons: ['OK'],
    noLink: true,
  };
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
}

function setMenu(): void {
  const template = buildMenuTemplate({
    isPackaged: app.isPackaged,
    platform: process.platform,
    actions: {
      // "Backup ora" goes to the renderer, which calls backup.now with the logged-in user's token:
      // the contract allows backups to administrators only and audits who made them, and each
      // backup prunes the oldest ones. The main process does not know who is logged in, so calling
      // the service as the system actor would let anyone (even before login) rotate backups away.
      // The renderer also shows the outcome (or "not allowed") as a notification.
      backup: () => sendMenuCommand(mainWindow, 'backup'),
      about: showAbout,
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession();
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot(__dirname)));

  const userData = app.getPath('userData');
  const box = keychain();
  const settingsFile = databaseSettingsFile(userData);
  let dbFile = localDatabaseFile(userData);
  try {
    dbFile = databaseFile(userData, process.env, box);
    core = await AppCore.open(dbFile);
  } catch (error) {
    console.error('[ixl] database non aperto:', error instanceof Error ? error.message : error);
    const { title, message } = startupErrorMessage(error, dbFile, settingsFile);
    dialog.showErrorBox(title, message);
    app.exit(1);
    return;
  }
  core.databaseSettings = { file: settingsFile, box, localFile: localDatabaseFile(userData), override: process.env.IXL_DB?.trim() || null };
  core.startBackups();
  registerIpc(core, () => mainWindow);
  setMenu();
  createWindow();
  app.on('activate', () => {
    if (mainWindow === null) createWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  // another IXL Desk is running: it gets focused (below, in that process) and this one leaves
  app.quit();
} else {
  if (process.platform === 'win32') app.setAppUserModelId('it.insiemeperillavoro.ixldesk');
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Close the database cleanly (WAL checkpoint) before the process ends.
  app.on('will-quit', (event) => {
    const open = core;
    if (!open) return;
    core = undefined;
    event.preventDefault();
    open
      .close()
      .catch((error: unknown) => console.error('[ixl] chiusura del database non riuscita:', error))
      .finally(() => app.quit());
  });
  start().catch((error: unknown) => {
    console.error('[ixl] avvio non riuscito:', error);
    dialog.showErrorBox('IXL Desk non può avviarsi', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
