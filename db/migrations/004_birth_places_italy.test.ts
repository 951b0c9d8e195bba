import { describe, expect, it } from 'vitest';
import { openSqlite } from '../connection';
import { migrate } from '../migrate';
import { computeCodiceFiscale, decodeCodiceFiscale } from '../../electron/domain/codiceFiscale';

describe('migration 004: Italian comuni as birth places', () => {
  const db = openSqlite(':memory:');
  migrate(db);

  it('adds every Italian comune, keeping the places loaded before', () => {
    expect((db.prepare("SELECT count(*) n FROM birth_places WHERE kind = 'comune'").get() as { n: number }).n).toBeGreaterThan(7800);
    expect(db.prepare("SELECT name, province FROM birth_places WHERE code = 'C204'").get()).toEqual({ name: 'Castel Maggiore', province: 'BO' });
    expect(db.prepare("SELECT name FROM birth_places WHERE code = 'A944'").get()).toEqual({ name: 'Bologna' });
    expect((db.prepare("SELECT count(*) n FROM birth_places WHERE kind = 'estero'").get() as { n: number }).n).toBeGreaterThan(20);
  });

  it('gives each of the 55 comuni its cadastral code, so a codice fiscale can be computed for anyone born there', () => {
    expect((db.prepare('SELECT count(*) n FROM comuni WHERE cadastral_code IS NULL').get() as { n: number }).n).toBe(0);
    const { cadastral_code } = db.prepare("SELECT cadastral_code FROM comuni WHERE name = 'San Lazzaro di Savena'").get() as { cadastral_code: string };
    const cf = computeCodiceFiscale({ lastName: 'Verdi', firstName: 'Anna', sex: 'F', birthDate: '1990-03-15', birthPlaceCode: cadastral_code });
    expect(decodeCodiceFiscale(cf).birthPlaceCode).toBe(cadastral_code);
    expect(db.prepare('SELECT name FROM birth_places WHERE code = ?').get(cadastral_code)).toEqual({ name: 'San Lazzaro di Savena' });
  });
});
