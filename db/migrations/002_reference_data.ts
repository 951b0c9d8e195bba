import type { Migration } from './types';

/**
 * Reference data, loaded by migration so every database has it (DOMAIN.md §3, §8, §9).
 * Embedded here, not read from resources/, because a landed migration must never change.
 * Corrections go in a new migration; districts and organisations stay editable in the app.
 */
const DISTRICTS: [string, string][] = [
  ['BOL', 'Città di Bologna'],
  ['RLS', 'Reno, Lavino e Samoggia'],
  ['PIO', 'Pianura Ovest'],
  ['PIE', 'Pianura Est'],
  ['SLS', 'San Lazzaro di Savena'],
  ['APP', 'Appennino Bolognese'],
  ['IMO', 'Imola'],
];

/** The 55 comuni of the Città metropolitana: ISTAT code suffix (037xxx), name, district. */
const COMUNI: [string, string, string][] = [
  ['006', 'Bologna', 'BOL'],
  ['011', 'Casalecchio di Reno', 'RLS'], ['042', 'Monte San Pietro', 'RLS'], ['057', 'Sasso Marconi', 'RLS'], ['061', 'Valsamoggia', 'RLS'], ['060', 'Zola Predosa', 'RLS'],
  ['001', "Anzola dell'Emilia", 'PIO'], ['009', 'Calderara di Reno', 'PIO'], ['024', 'Crevalcore', 'PIO'], ['050', 'Sala Bolognese', 'PIO'], ['053', 'San Giovanni in Persiceto', 'PIO'], ['056', "Sant'Agata Bolognese", 'PIO'],
  ['002', 'Argelato', 'PIE'], ['003', 'Baricella', 'PIE'], ['005', 'Bentivoglio', 'PIE'], ['008', 'Budrio', 'PIE'], ['019', 'Castel Maggiore', 'PIE'], ['017', "Castello d'Argile", 'PIE'], ['021', 'Castenaso', 'PIE'], ['028', 'Galliera', 'PIE'], ['030', "Granarolo dell'Emilia", 'PIE'], ['035', 'Malalbergo', 'PIE'], ['038', 'Minerbio', 'PIE'], ['039', 'Molinella', 'PIE'], ['048', 'Pieve di Cento', 'PIE'], ['052', 'San Giorgio di Piano', 'PIE'], ['055', 'San Pietro in Casale', 'PIE'],
  ['034', 'Loiano', 'SLS'], ['040', 'Monghidoro', 'SLS'], ['041', 'Monterenzio', 'SLS'], ['046', "Ozzano dell'Emilia", 'SLS'], ['047', 'Pianoro', 'SLS'], ['054', 'San Lazzaro di Savena', 'SLS'],
  ['062', 'Alto Reno Terme', 'APP'], ['010', 'Camugnano', 'APP'], ['013', "Castel d'Aiano", 'APP'], ['015', 'Castel di Casio', 'APP'], ['022', 'Castiglione dei Pepoli', 'APP'], ['027', 'Gaggio Montano', 'APP'], ['031', 'Grizzana Morandi', 'APP'], ['033', 'Lizzano in Belvedere', 'APP'], ['036', 'Marzabotto', 'APP'], ['044', 'Monzuno', 'APP'], ['051', 'San Benedetto Val di Sambro', 'APP'], ['059', 'Vergato', 'APP'],
  ['007', 'Borgo Tossignano', 'IMO'], ['012', 'Casalfiumanese', 'IMO'], ['014', 'Castel del Rio', 'IMO'], ['016', 'Castel Guelfo di Bologna', 'IMO'], ['020', 'Castel San Pietro Terme', 'IMO'], ['025', 'Dozza', 'IMO'], ['026', 'Fontanelice', 'IMO'], ['032', 'Imola', 'IMO'], ['037', 'Medicina', 'IMO'], ['045', 'Mordano', 'IMO'],
];

/** Birth places by cadastral (Belfiore) code: frequent Italian comuni and countries of origin. */
const BIRTH_PLACES: [string, string, string | null, 'comune' | 'estero', 'IT' | 'UE' | 'EXTRA_UE'][] = [
  ['A944', 'Bologna', 'BO', 'comune', 'IT'], ['E289', 'Imola', 'BO', 'comune', 'IT'],
  ['F257', 'Modena', 'MO', 'comune', 'IT'], ['D548', 'Ferrara', 'FE', 'comune', 'IT'], ['H223', "Reggio nell'Emilia", 'RE', 'comune', 'IT'],
  ['G337', 'Parma', 'PR', 'comune', 'IT'], ['H199', 'Ravenna', 'RA', 'comune', 'IT'], ['D704', 'Forlì', 'FC', 'comune', 'IT'], ['H294', 'Rimini', 'RN', 'comune', 'IT'],
  ['H501', 'Roma', 'RM', 'comune', 'IT'], ['F205', 'Milano', 'MI', 'comune', 'IT'], ['F839', 'Napoli', 'NA', 'comune', 'IT'], ['L219', 'Torino', 'TO', 'comune', 'IT'],
  ['G273', 'Palermo', 'PA', 'comune', 'IT'], ['A662', 'Bari', 'BA', 'comune', 'IT'], ['D612', 'Firenze', 'FI', 'comune', 'IT'], ['C351', 'Catania', 'CT', 'comune', 'IT'],
  ['D969', 'Genova', 'GE', 'comune', 'IT'], ['L736', 'Venezia', 'VE', 'comune', 'IT'], ['H224', 'Reggio di Calabria', 'RC', 'comune', 'IT'], ['B354', 'Cagliari', 'CA', 'comune', 'IT'],
  ['E506', 'Lecce', 'LE', 'comune', 'IT'], ['D643', 'Foggia', 'FG', 'comune', 'IT'], ['H703', 'Salerno', 'SA', 'comune', 'IT'], ['L049', 'Taranto', 'TA', 'comune', 'IT'],
  ['F158', 'Messina', 'ME', 'comune', 'IT'], ['L424', 'Trieste', 'TS', 'comune', 'IT'], ['L781', 'Verona', 'VR', 'comune', 'IT'], ['G224', 'Padova', 'PD', 'comune', 'IT'],
  ['A794', 'Bergamo', 'BG', 'comune', 'IT'], ['B157', 'Brescia', 'BS', 'comune', 'IT'], ['A271', 'Ancona', 'AN', 'comune', 'IT'], ['G478', 'Perugia', 'PG', 'comune', 'IT'], ['C352', 'Catanzaro', 'CZ', 'comune', 'IT'],
  ['Z129', 'Romania', null, 'estero', 'UE'], ['Z127', 'Polonia', null, 'estero', 'UE'], ['Z104', 'Bulgaria', null, 'estero', 'UE'], ['Z112', 'Germania', null, 'estero', 'UE'], ['Z110', 'Francia', null, 'estero', 'UE'], ['Z131', 'Spagna', null, 'estero', 'UE'],
  ['Z100', 'Albania', null, 'estero', 'EXTRA_UE'], ['Z330', 'Marocco', null, 'estero', 'EXTRA_UE'], ['Z352', 'Tunisia', null, 'estero', 'EXTRA_UE'], ['Z336', 'Egitto', null, 'estero', 'EXTRA_UE'],
  ['Z138', 'Ucraina', null, 'estero', 'EXTRA_UE'], ['Z140', 'Moldova', null, 'estero', 'EXTRA_UE'], ['Z236', 'Pakistan', null, 'estero', 'EXTRA_UE'], ['Z249', 'Bangladesh', null, 'estero', 'EXTRA_UE'],
  ['Z222', 'India', null, 'estero', 'EXTRA_UE'], ['Z209', 'Sri Lanka', null, 'estero', 'EXTRA_UE'], ['Z210', 'Cina', null, 'estero', 'EXTRA_UE'], ['Z216', 'Filippine', null, 'estero', 'EXTRA_UE'],
  ['Z335', 'Nigeria', null, 'estero', 'EXTRA_UE'], ['Z343', 'Senegal', null, 'estero', 'EXTRA_UE'], ['Z318', 'Ghana', null, 'estero', 'EXTRA_UE'], ['Z611', 'Perù', null, 'estero', 'EXTRA_UE'], ['Z605', 'Ecuador', null, 'estero', 'EXTRA_UE'],
];

const ATECO: [string, string][] = [
  ['A', 'Agricoltura, silvicoltura e pesca'], ['B', 'Estrazione di minerali'], ['C', 'Attività manifatturiere'], ['D', 'Energia elettrica, gas, vapore'],
  ['E', 'Acqua, reti fognarie, rifiuti'], ['F', 'Costruzioni'], ['G', 'Commercio all’ingrosso e al dettaglio, riparazione veicoli'], ['H', 'Trasporto e magazzinaggio'],
  ['I', 'Alloggio e ristorazione'], ['J', 'Informazione e comunicazione'], ['K', 'Finanza e assicurazioni'], ['L', 'Attività immobiliari'],
  ['M', 'Attività professionali, scientifiche e tecniche'], ['N', 'Noleggio, agenzie di viaggio, servizi alle imprese'], ['O', 'Pubblica amministrazione'], ['P', 'Istruzione'],
  ['Q', 'Sanità e assistenza sociale'], ['R', 'Arte, sport, intrattenimento'], ['S', 'Altre attività di servizi'], ['T', 'Famiglie come datori di lavoro'], ['U', 'Organismi extraterritoriali'],
];

const CHANNELS: [string, string][] = [
  ['modulo_online', 'Modulo online'], ['casella_mail', 'Casella di posta'], ['caritas', 'Punto di ascolto Caritas'], ['servizi_sociali', 'Servizi sociali'],
  ['sportello_lavoro', 'Sportello lavoro'], ['opimm', 'Opimm'], ['fomal', 'Fomal'], ['altro', 'Altro'],
];

const ORGANISATIONS: [string, string, string][] = [
  ['comune_bo', 'Comune di Bologna', 'firmatario'], ['cittametro_bo', 'Città metropolitana di Bologna', 'firmatario'],
  ['arcidiocesi_bo', 'Arcidiocesi di Bologna', 'firmatario'], ['fond_san_petronio', 'Fondazione San Petronio Onlus', 'firmatario'],
  ['ufficio_comune', 'Ufficio comune per lo sviluppo economico', 'firmatario'],
  ['alleanza_coop', 'Alleanza delle Cooperative Italiane – Bologna', 'associazione_imprese'], ['cna_bo', 'CNA Bologna', 'associazione_imprese'],
  ['confartigianato_bo', 'Confartigianato Imprese di Bologna e Imola', 'associazione_imprese'], ['ascom_bo', 'Confcommercio ASCOM Bologna', 'associazione_imprese'],
  ['confesercenti_bo', 'Confesercenti Bologna', 'associazione_imprese'], ['confindustria_eac', 'Confindustria Emilia Area Centro', 'associazione_imprese'],
  ['cgil_bo', 'CGIL Bologna', 'sindacato'], ['cisl_bo', 'CISL Area Metropolitana Bolognese', 'sindacato'], ['uil_bo', 'UIL Bologna', 'sindacato'],
  ['opimm', 'Opimm', 'accoglienza'], ['fomal', 'Fomal', 'formazione'], ['sportello_lavoro', 'Sportello per il lavoro del Comune di Bologna', 'accoglienza'],
  ['caritas_bo', 'Caritas diocesana di Bologna', 'caritas'], ['servizi_sociali', 'Servizi sociali territoriali', 'servizi_sociali'],
  ['regione_er', 'Regione Emilia-Romagna', 'finanziatore'],
];

const SPENDING_LINES: [string, string][] = [
  ['tirocini_inserimento', 'Tirocini e inserimento lavorativo'], ['innovazione_sociale', 'Innovazione sociale'], ['cultura_tecnica', 'Cultura tecnica'],
  ['scuola_territorio', 'Scuola-territorio'], ['autoimpiego', 'Autoimpiego'], ['credito', 'Credito'], ['orientamento_formazione', 'Orientamento e formazione'],
  ['pon', 'Progetti PON'], ['gestione', 'Gestione'],
];

const INSTRUMENTS: [string, string, string][] = [
  ['inserimento', 'Inserimento in azienda o esercizio commerciale', 'tirocini_inserimento'],
  ['tirocinio', 'Tirocinio formativo o stage', 'tirocini_inserimento'],
  ['autoimpiego', 'Autoimpiego', 'autoimpiego'],
  ['credito', 'Credito (microcredito)', 'credito'],
  ['formazione', 'Orientamento e formazione professionale', 'orientamento_formazione'],
  ['pon', 'Progetti PON (PON Metro)', 'pon'],
];

export const m002_reference_data: Migration = {
  id: '002_reference_data',
  up: (db) => {
    const insert = (sqlText: string, rows: unknown[][]) => {
      const stmt = db.prepare(sqlText);
      for (const row of rows) stmt.run(...row);
    };
    insert('INSERT INTO districts (code, name) VALUES (?, ?)', DISTRICTS);
    insert('INSERT INTO comuni (istat_code, name, district_code) VALUES (?, ?, ?)', COMUNI.map(([suffix, name, district]) => [`037${suffix}`, name, district]));
    db.prepare("UPDATE comuni SET cadastral_code = 'A944' WHERE istat_code = '037006'").run();
    db.prepare("UPDATE comuni SET cadastral_code = 'E289' WHERE istat_code = '037032'").run();
    insert('INSERT INTO birth_places (code, name, province, kind, nationality_group) VALUES (?, ?, ?, ?, ?)', BIRTH_PLACES);
    insert('INSERT INTO ateco_sections (code, name) VALUES (?, ?)', ATECO);
    insert('INSERT INTO channels (code, name, sort) VALUES (?, ?, ?)', CHANNELS.map(([c, n], i) => [c, n, i]));
    insert('INSERT INTO organisations (code, name, kind) VALUES (?, ?, ?)', ORGANISATIONS);
    insert('INSERT INTO spending_lines (code, name, sort) VALUES (?, ?, ?)', SPENDING_LINES.map(([c, n], i) => [c, n, i]));
    insert('INSERT INTO instruments (code, name, default_line_code, sort) VALUES (?, ?, ?, ?)', INSTRUMENTS.map(([c, n, l], i) => [c, n, l, i]));
  },
};
