import { describe, it, expect } from 'vitest';
import { DatabaseTooNewError } from '../../db/migrate';
import { startupErrorMessage } from './startupError';
import { DatabaseConnectionError } from '../../db/connection';
import { SavedDatabaseError } from '../shared/savedDatabase';

function sqliteError(code: string): Error {
  return Object.assign(new Error('boom'), { code });
}

describe('startupErrorMessage', () => {
  it('explains a database written by a newer version', () => {
    const { title, message } = startupErrorMessage(new DatabaseTooNewError(['2099_futuro']), '/dati/ixl-desk.sqlite');
    expect(title).toBe('Database di una versione più recente');
    expect(message).toContain('Aggiornare l’applicazione');
    expect(message).toContain('/dati/ixl-desk.sqlite');
  });

  it('tells permissions, damage, locks and a broken install apart', () => {
    expect(startupErrorMessage(sqliteError('EACCES'), 'f').title).toBe('Database non accessibile');
    expect(startupErrorMessage(sqliteError('SQLITE_NOTADB'), 'f').title).toBe('Database danneggiato');
    expect(startupErrorMessage(sqliteError('SQLITE_BUSY'), 'f').title).toBe('Database in uso');
    expect(startupErrorMessage(new Error('was compiled against a different Node.js version using NODE_MODULE_VERSION 115'), 'f').title).toBe('Installazione danneggiata');
  });

  it('names a shared server without its password', () => {
    const location = 'postgres://ixl_app:segreta@db.ufficio.local:5432/ixl?sslmode=verify-full';
    const { title, message } = startupErrorMessage(new DatabaseConnectionError('Il server db.ufficio.local:5432 non è raggiungibile'), location);
    expect(title).toBe('Database condiviso non raggiungibile');
    expect(message).toContain('postgres://ixl_app:***@db.ufficio.local:5432/ixl?sslmode=verify-full');
    expect(message).not.toContain('segreta');
    expect(startupErrorMessage(new Error('boom segreta?'), 'postgres://u:segreta@h/d').message).toContain('postgres://u:***@h/d');
  });

  it('says how to go back to the local file when the saved server cannot be opened', () => {
    const settings = '/home/ada/.config/IXL Desk/database.json';
    expect(startupErrorMessage(new Error('x'), 'postgres://u@h/d', settings).message).toContain(`Per tornare al file locale di questa postazione, eliminare il file:\n${settings}`);
    expect(startupErrorMessage(new SavedDatabaseError('La password salvata del database condiviso non si decifra'), '/f.sqlite', settings)).toEqual({
      title: 'Impostazioni del database non valide',
      message: `La password salvata del database condiviso non si decifra\n\nPer tornare al file locale di questa postazione, eliminare il file:\n${settings}`,
    });
    expect(startupErrorMessage(new Error('x'), '/f.sqlite', settings).message).not.toContain('tornare al file locale');
  });

  it('falls back to a generic Italian message', () => {
    const { title, message } = startupErrorMessage('strano', '/x.sqlite');
    expect(title).toBe('Impossibile aprire il database');
    expect(message).toContain('strano');
  });
});
