import type { Migration } from './types';

/**
 * Privacy notices and who signed them (DOMAIN.md §11, issue 11).
 * - `privacy_notices`: the versions of the informativa, each with its text and the day it takes effect;
 *   the notice in force on a day is the one with the latest `valid_from` not after it. Versions are
 *   never edited: a change is a new version. The two the programme has had are loaded here: the one
 *   of the start (May 2017, D.Lgs. 196/2003) and the GDPR one (from 25 May 2018).
 * - `privacy_acknowledgements`: each time a person signed a version (history: a new version signed
 *   later is a new row), who recorded it and when.
 * - `people.privacy_missing_reason`: why a person was registered without the signed notice (e.g. a
 *   referral by phone); emptied when they sign.
 * The date and free-text version of 001 (`people.privacy_accepted_on`, `privacy_version`) move into
 * acknowledgements: the version of the same name when there is one, else the one in force that day
 * (the first, for a day before it), then the two columns are dropped.
 * Portable DDL and SQL only (PostgreSQL's 012_privacy does the same).
 */

export const NOTICE_2017 = `Informativa sul trattamento dei dati personali (art. 13 del D.Lgs. 30 giugno 2003, n. 196)

I dati personali che La riguardano sono raccolti dagli enti promotori del progetto «Insieme per il lavoro» (Comune di Bologna, Città metropolitana di Bologna, Arcidiocesi di Bologna e Fondazione San Petronio Onlus) al solo fine di valutare la Sua situazione, accompagnarLa nella ricerca di un lavoro e proporLe percorsi di inserimento, tirocinio, formazione o autoimpiego con le imprese che collaborano al progetto.

I dati sono trattati con strumenti informatici e su carta dal personale incaricato, sono conservati per il tempo necessario al progetto e sono comunicati alle imprese e agli enti coinvolti nel Suo percorso solo per quanto serve a realizzarlo. I dati sulla salute e sulla situazione sociale sono trattati solo se indispensabili e con particolari cautele.

Il conferimento dei dati è facoltativo, ma senza di essi non è possibile la presa in carico. Lei può in ogni momento chiedere di accedere ai Suoi dati, di correggerli, aggiornarli o cancellarli e opporsi al loro trattamento (art. 7 del D.Lgs. 196/2003), rivolgendosi all'Ufficio comune del progetto.`;

export const NOTICE_2018 = `Informativa sul trattamento dei dati personali (artt. 13 e 14 del Regolamento UE 2016/679)

Titolari del trattamento: gli enti promotori del progetto «Insieme per il lavoro» (Comune di Bologna, Città metropolitana di Bologna, Arcidiocesi di Bologna e Fondazione San Petronio Onlus), che operano attraverso l'Ufficio comune per lo sviluppo economico.

Finalità e base giuridica: i Suoi dati sono trattati per valutare la Sua situazione, anche con il profilo di fragilità previsto dalla L.R. Emilia-Romagna 14/2015, per prenderLa in carico e accompagnarLa verso il lavoro con inserimenti, tirocini, formazione, autoimpiego e microcredito, nell'esecuzione di compiti di interesse pubblico (art. 6, par. 1, lett. e del Regolamento). I dati relativi alla salute sono trattati solo se necessari, per motivi di interesse pubblico rilevante (art. 9, par. 2, lett. g).

Destinatari: le imprese e gli enti coinvolti nel Suo percorso (per esempio enti di formazione e servizi sociali), solo per quanto necessario. I dati non sono trasferiti fuori dall'Unione europea. I resoconti del progetto contengono solo dati aggregati, senza nomi.

Conservazione: i dati sono conservati per la durata del percorso e, dopo la sua conclusione, per il periodo stabilito dal progetto (di norma 5 anni); poi sono resi anonimi.

Diritti: può chiedere l'accesso ai Suoi dati e una loro copia, la rettifica, la cancellazione o la limitazione del trattamento, opporsi al trattamento e ricevere i dati in un formato leggibile da dispositivo automatico (artt. 15-22 del Regolamento), rivolgendosi all'Ufficio comune del progetto. Può proporre reclamo al Garante per la protezione dei dati personali (www.garanteprivacy.it).`;

export const m012_privacy: Migration = {
  id: '012_privacy',
  up: (db) => {
    db.exec(`
CREATE TABLE privacy_notices (
  id INTEGER PRIMARY KEY,
  version TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL,
  valid_from TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id)
);
CREATE TABLE privacy_acknowledgements (
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  notice_id INTEGER NOT NULL REFERENCES privacy_notices(id),
  acknowledged_on TEXT NOT NULL,
  recorded_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE INDEX ix_privacy_ack_person ON privacy_acknowledgements(person_id, acknowledged_on);
CREATE INDEX ix_privacy_ack_notice ON privacy_acknowledgements(notice_id);
ALTER TABLE people ADD COLUMN privacy_missing_reason TEXT;
`);
    const notice = db.prepare('INSERT INTO privacy_notices (id, version, text, valid_from, created_at, created_by) VALUES (?, ?, ?, ?, ?, NULL)');
    notice.run(1, '2017-05', NOTICE_2017, '2017-05-22', '2017-05-22T00:00:00.000Z');
    notice.run(2, '2018-05', NOTICE_2018, '2018-05-25', '2018-05-25T00:00:00.000Z');
    db.exec(`
INSERT INTO privacy_acknowledgements (person_id, notice_id, acknowledged_on, recorded_by, created_at)
SELECT p.id,
  coalesce(
    (SELECT n.id FROM privacy_notices n WHERE n.version = p.privacy_version),
    (SELECT n.id FROM privacy_notices n WHERE n.valid_from <= p.privacy_accepted_on ORDER BY n.valid_from DESC LIMIT 1),
    (SELECT n.id FROM privacy_notices n ORDER BY n.valid_from LIMIT 1)
  ),
  p.privacy_accepted_on, NULL, p.created_at
FROM people p WHERE p.privacy_accepted_on IS NOT NULL ORDER BY p.id;
ALTER TABLE people DROP COLUMN privacy_accepted_on;
ALTER TABLE people DROP COLUMN privacy_version;
`);
  },
};
