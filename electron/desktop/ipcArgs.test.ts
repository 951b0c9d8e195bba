import { describe, it, expect } from 'vitest';
import { MAX_SAVE_BASE64_LENGTH, parseInvokeArgs, parseJobId, parseSaveFileRequest, safeFileName, saveDialogFilters } from './ipcArgs';

describe('parseInvokeArgs', () => {
  it('accepts (method, input, token | null)', () => {
    expect(parseInvokeArgs(['auth.login', { username: 'a' }, null])).toEqual({ method: 'auth.login', input: { username: 'a' }, token: null });
    expect(parseInvokeArgs(['dashboard.counts', undefined, 'tok'])).toEqual({ method: 'dashboard.counts', input: undefined, token: 'tok' });
  });

  it('rejects anything else', () => {
    for (const args of [[], ['m', {}], ['m', {}, null, 'extra'], [1, {}, null], ['', {}, null], ['m', {}, 42], ['m', {}, undefined], ['x'.repeat(201), {}, null]]) {
      expect(parseInvokeArgs(args), JSON.stringify(args)).toBeNull();
    }
  });
});

describe('parseSaveFileRequest', () => {
  it('decodes the bytes and cleans the name', () => {
    const parsed = parseSaveFileRequest({ suggestedName: '../../etc/Patto 2025.pdf', base64: Buffer.from('ciao').toString('base64') });
    expect(parsed).toEqual({ ok: true, name: 'Patto 2025.pdf', bytes: Buffer.from('ciao') });
  });

  it('refuses bad payloads with Italian messages', () => {
    expect(parseSaveFileRequest(null)).toEqual({ ok: false, message: 'Richiesta di salvataggio non valida' });
    expect(parseSaveFileRequest({ suggestedName: 3, base64: '' })).toEqual({ ok: false, message: 'Nome del file non valido' });
    expect(parseSaveFileRequest({ suggestedName: 'a.pdf', base64: 'non base64!' })).toEqual({ ok: false, message: 'Contenuto del file non valido' });
    expect(parseSaveFileRequest({ suggestedName: 'a.pdf', base64: 'QUJD=' })).toEqual({ ok: false, message: 'Contenuto del file non valido' });
    expect(parseSaveFileRequest({ suggestedName: 'a.pdf', base64: 'A'.repeat(MAX_SAVE_BASE64_LENGTH + 4) })).toEqual({ ok: false, message: 'File troppo grande' });
  });
});

describe('safeFileName', () => {
  it('keeps ordinary Italian names', () => {
    expect(safeFileName('Elenco casi – maggio.xlsx')).toBe('Elenco casi – maggio.xlsx');
  });

  it('removes folders, reserved characters and leading dots', () => {
    expect(safeFileName('C:\\Windows\\system32\\x.pdf')).toBe('x.pdf');
    expect(safeFileName('a<b>:c"d|e?f*.csv')).toBe('a_b__c_d_e_f_.csv');
    expect(safeFileName('..bashrc')).toBe('bashrc');
    expect(safeFileName('  ')).toBe('documento');
    expect(safeFileName('riga\nnuova.pdf')).toBe('riga_nuova.pdf');
  });
});

describe('saveDialogFilters', () => {
  it('offers the file type first, then every file', () => {
    expect(saveDialogFilters('report.XLSX')).toEqual([
      { name: 'Cartella di lavoro Excel', extensions: ['xlsx'] },
      { name: 'Tutti i file', extensions: ['*'] },
    ]);
    expect(saveDialogFilters('senza-estensione')).toEqual([{ name: 'Tutti i file', extensions: ['*'] }]);
  });
});

describe('parseJobId', () => {
  it('accepts one job id as the API gives it, nothing else', () => {
    const id = '0b6f3c1e-8a8d-4b7e-9d41-2f1f5c3a9e10';
    expect(parseJobId([id])).toBe(id);
    expect(parseJobId([id, 'altro'])).toBeNull();
    expect(parseJobId(['../../etc/passwd'])).toBeNull();
    expect(parseJobId([id.toUpperCase()])).toBeNull();
    expect(parseJobId([42])).toBeNull();
    expect(parseJobId([])).toBeNull();
  });
});
