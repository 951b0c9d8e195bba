/** Word lists of the programme's world: skills, jobs, courses, projects. Plain data. */

/** Skills (person_skills, need_skills) with weights for men and women and the job they lead to. */
export const SKILLS: readonly { skill: string; m: number; f: number; role: string; ateco: string }[] = [
  { skill: 'magazzino', m: 10, f: 4, role: 'Magazziniere', ateco: 'H' },
  { skill: 'carrellista', m: 6, f: 1, role: 'Carrellista', ateco: 'H' },
  { skill: 'logistica', m: 6, f: 3, role: 'Addetto alla logistica', ateco: 'H' },
  { skill: 'autista patente C', m: 4, f: 0.2, role: 'Autista patente C', ateco: 'H' },
  { skill: 'pulizie', m: 5, f: 10, role: 'Addetto alle pulizie', ateco: 'N' },
  { skill: 'OSS', m: 2, f: 7, role: 'Operatore socio-sanitario', ateco: 'Q' },
  { skill: 'assistenza familiare', m: 1, f: 7, role: 'Assistente familiare', ateco: 'Q' },
  { skill: 'cucina', m: 4, f: 5, role: 'Aiuto cuoco', ateco: 'I' },
  { skill: 'cameriere', m: 4, f: 5, role: 'Cameriere di sala', ateco: 'I' },
  { skill: 'barista', m: 2, f: 3, role: 'Barista', ateco: 'I' },
  { skill: 'vendita', m: 3, f: 6, role: 'Addetto alle vendite', ateco: 'G' },
  { skill: 'cassa', m: 1, f: 4, role: 'Cassiere', ateco: 'G' },
  { skill: 'scaffalista', m: 3, f: 3, role: 'Scaffalista', ateco: 'G' },
  { skill: 'manutenzione verde', m: 4, f: 0.5, role: 'Giardiniere', ateco: 'N' },
  { skill: 'data entry', m: 2, f: 4, role: 'Addetto data entry', ateco: 'N' },
  { skill: 'segreteria', m: 1, f: 4, role: 'Impiegato di segreteria', ateco: 'M' },
  { skill: 'muratore', m: 4, f: 0.1, role: 'Muratore', ateco: 'F' },
  { skill: 'imbianchino', m: 3, f: 0.3, role: 'Imbianchino', ateco: 'F' },
  { skill: 'elettricista', m: 3, f: 0.2, role: 'Elettricista', ateco: 'F' },
  { skill: 'idraulico', m: 2, f: 0.1, role: 'Idraulico', ateco: 'F' },
  { skill: 'saldatore', m: 3, f: 0.2, role: 'Saldatore', ateco: 'C' },
  { skill: 'operaio metalmeccanico', m: 4, f: 1, role: 'Operaio metalmeccanico', ateco: 'C' },
  { skill: 'confezionamento', m: 2, f: 4, role: 'Addetto al confezionamento', ateco: 'C' },
  { skill: 'sartoria', m: 0.5, f: 3, role: 'Sarta', ateco: 'C' },
  { skill: 'portierato', m: 3, f: 1, role: 'Addetto al portierato', ateco: 'N' },
  { skill: 'informatica di base', m: 3, f: 3, role: 'Addetto back office', ateco: 'J' },
  { skill: 'lingua inglese', m: 2, f: 2, role: 'Receptionist', ateco: 'I' },
];

/** Generic roles for work experiences before the programme. */
export const PAST_ROLES: readonly string[] = [
  'Bracciante agricolo', 'Operaio generico', 'Commessa', 'Badante', 'Collaboratrice domestica', 'Lavapiatti',
  'Facchino', 'Addetto alle pulizie', 'Muratore', 'Cameriere', 'Magazziniere', 'Autista', 'Operaio in linea',
  'Aiuto cuoco', 'Baby sitter', 'Addetto mensa', 'Corriere', 'Manovale', 'Cassiera', 'Barista',
];

export const COURSES: readonly { name: string; provider: 'fomal' | 'opimm'; hours: [number, number]; certificate: string; skill: string }[] = [
  { name: 'Corso OSS – Operatore socio-sanitario', provider: 'fomal', hours: [900, 1000], certificate: 'Qualifica OSS', skill: 'OSS' },
  { name: 'Pulizie professionali', provider: 'opimm', hours: [40, 80], certificate: 'Attestato di frequenza', skill: 'pulizie' },
  { name: 'Logistica e magazzino', provider: 'fomal', hours: [60, 120], certificate: 'Attestato di frequenza', skill: 'magazzino' },
  { name: 'Conduzione carrelli elevatori', provider: 'opimm', hours: [12, 16], certificate: 'Patentino carrellista', skill: 'carrellista' },
  { name: 'Aiuto cuoco e HACCP', provider: 'fomal', hours: [120, 200], certificate: 'Attestato HACCP', skill: 'cucina' },
  { name: 'Sala e bar', provider: 'fomal', hours: [80, 160], certificate: 'Attestato di frequenza', skill: 'cameriere' },
  { name: 'Addetto alle vendite', provider: 'fomal', hours: [80, 120], certificate: 'Attestato di frequenza', skill: 'vendita' },
  { name: 'Italiano per il lavoro (A2)', provider: 'opimm', hours: [40, 80], certificate: 'Certificazione A2', skill: 'lingua inglese' },
  { name: 'Informatica di base', provider: 'opimm', hours: [30, 60], certificate: 'Attestato di frequenza', skill: 'informatica di base' },
  { name: 'Sicurezza sul lavoro (formazione generale e specifica)', provider: 'opimm', hours: [8, 16], certificate: 'Attestato sicurezza', skill: 'magazzino' },
  { name: 'Manutenzione del verde', provider: 'opimm', hours: [60, 100], certificate: 'Attestato di frequenza', skill: 'manutenzione verde' },
  { name: 'Saldatura a filo e TIG', provider: 'fomal', hours: [100, 160], certificate: 'Patentino di saldatura', skill: 'saldatore' },
];

export const BUSINESS_IDEAS: readonly string[] = [
  'Laboratorio di sartoria e riparazioni', 'Servizio di pulizie per condomini e uffici', 'Food truck di cucina di strada',
  'Ciclofficina e noleggio biciclette', 'Piccola impresa di giardinaggio', 'Gastronomia da asporto', 'Impresa di tinteggiature',
  'Negozio di alimentari e prodotti etnici', 'Assistenza informatica a domicilio', 'Barbiere e acconciature',
  'Servizio di traslochi e sgomberi', 'Consegne a domicilio in cargo bike', 'Piccolo forno e pasticceria',
];

export const LENDERS: readonly string[] = [
  'Emil Banca', 'BPER Banca', 'Banca di Bologna', 'Banca Etica', 'Fondazione San Petronio – microcredito', 'Intesa Sanpaolo',
];

export const PON_PROJECTS: readonly { name: string; roles: readonly string[] }[] = [
  { name: 'PON Metro BO – Lavoro di comunità', roles: ['Operatore di comunità', 'Custode sociale'] },
  { name: 'PON Metro BO – Servizi di prossimità', roles: ['Addetto accoglienza', 'Animatore di quartiere'] },
  { name: 'PON Inclusione – Tirocini di inclusione', roles: ['Tirocinante', 'Addetto servizi ausiliari'] },
];

/** Social services by Bologna's quartieri, Caritas listening points: the referring point of a case. */
export const SOCIAL_SERVICE_POINTS: readonly string[] = [
  'Servizio sociale territoriale Borgo Panigale-Reno', 'Servizio sociale territoriale Navile', 'Servizio sociale territoriale Porto-Saragozza',
  'Servizio sociale territoriale San Donato-San Vitale', 'Servizio sociale territoriale Santo Stefano', 'Servizio sociale territoriale Savena',
  'Servizi sociali Unione Reno Lavino Samoggia', 'Servizi sociali Nuovo Circondario Imolese', 'Servizi sociali Unione Terre di Pianura',
];

export const CARITAS_POINTS: readonly string[] = [
  'Centro d’ascolto diocesano', 'Centro d’ascolto San Petronio', 'Centro d’ascolto zona Bolognina', 'Centro d’ascolto zona San Donato',
  'Centro d’ascolto interparrocchiale Corticella', 'Centro d’ascolto parrocchiale Sant’Antonio di Savena', 'Centro d’ascolto parrocchiale San Paolo di Ravone',
  'Centro d’ascolto vicariale Castel San Pietro', 'Centro d’ascolto vicariale Imola', 'Centro d’ascolto parrocchiale Santa Rita',
];

export const OUTSIDE_METRO_CITIES: readonly string[] = ['Modena', 'Ferrara', 'Cento', 'Ravenna', 'Firenze', 'Reggio Emilia', 'Faenza', 'Prato', 'Rovigo', 'Mantova'];

export const EMAIL_DOMAINS: readonly [string, number][] = [
  ['gmail.com', 45], ['libero.it', 15], ['hotmail.it', 10], ['yahoo.it', 7], ['outlook.it', 7], ['alice.it', 4], ['virgilio.it', 4], ['icloud.com', 3],
];

/** Italian mobile prefixes. */
export const MOBILE_PREFIXES: readonly string[] = ['320', '324', '327', '328', '329', '331', '333', '334', '335', '338', '339', '340', '342', '345', '347', '348', '349', '351', '366', '380', '388', '392', '393'];

export const LANGUAGES_OTHER: readonly [string, number][] = [['inglese', 40], ['francese', 10], ['spagnolo', 6], ['tedesco', 3]];

/** Company naming by ATECO section. */
export const COMPANY_WORDS: Record<string, readonly string[]> = {
  A: ['Azienda agricola', 'Agricola', 'Orti'],
  C: ['Meccanica', 'Officine', 'Packaging', 'Alimentari', 'Plast', 'Metal', 'Tecnomeccanica', 'Confezioni'],
  F: ['Costruzioni', 'Edilizia', 'Impianti', 'Restauri'],
  G: ['Market', 'Distribuzione', 'Commerciale', 'Ortofrutta', 'Ferramenta', 'Supermercati'],
  H: ['Trasporti', 'Logistica', 'Autotrasporti', 'Spedizioni', 'Express', 'Traslochi'],
  I: ['Ristorante', 'Trattoria', 'Hotel', 'Osteria', 'Pasticceria', 'Catering', 'Bar'],
  J: ['Informatica', 'Digital', 'Software', 'Web'],
  M: ['Studio', 'Consulenze', 'Servizi tecnici'],
  N: ['Multiservizi', 'Servizi di pulizia', 'Global Service', 'Facility', 'Pulizie'],
  Q: ['Assistenza', 'Servizi socio-sanitari', 'Residenza', 'Cura'],
  S: ['Lavanderia', 'Servizi alla persona', 'Riparazioni'],
};

export const COOP_NAMES: readonly string[] = [
  'Il Girasole', 'La Rupe', 'Arca di Noè', 'Il Pane e le Rose', 'Eta Beta', 'Libertas', 'Il Germoglio', 'Camelot', 'La Piccola Carovana',
  'Quadrifoglio', 'Dolce', 'Open Group', 'Il Martin Pescatore', 'Lo Scoiattolo', 'Società Dolce', 'La Strada', 'Il Mosaico', 'Anima',
];

export const CONTACT_ROLES: readonly string[] = ['Responsabile del personale', 'Ufficio amministrazione', 'Responsabile di produzione', 'Titolare', 'Ufficio risorse umane', 'Capo magazzino'];

/** Suppliers and partners paid on the lines that are not tied to a person. */
export const LINE_PROJECTS: Record<string, readonly { description: string; payee: string }[]> = {
  innovazione_sociale: [
    { description: 'Progetto di innovazione sociale «Quartieri che lavorano»', payee: 'Consorzio Aldebaran Soc. coop.' },
    { description: 'Bando Incredibol – contributi a imprese culturali e creative', payee: 'Incredibol – Comune di Bologna' },
    { description: 'Laboratori di welfare di comunità', payee: 'Fondazione Innovazione Urbana' },
    { description: 'Progetto «Impresa sociale in rete»', payee: 'Consorzio Sociale Indaco Soc. coop.' },
  ],
  cultura_tecnica: [
    { description: 'Festival della Cultura tecnica', payee: 'Città metropolitana di Bologna' },
    { description: 'Borse di studio per istituti tecnici e professionali', payee: 'Fondazione Aldini Valeriani' },
    { description: 'BolognaMade – percorsi di orientamento alle professioni tecniche', payee: 'Fondazione Aldini Valeriani' },
  ],
  scuola_territorio: [
    { description: 'Laboratori scuola-territorio con gli istituti tecnici', payee: 'IIS Belluzzi-Fioravanti' },
    { description: 'Percorsi contro la dispersione scolastica', payee: 'IIS Aldini Valeriani' },
    { description: 'Alternanza scuola-lavoro con le imprese del Board', payee: 'IIS Manfredi-Tanari' },
  ],
  orientamento_formazione: [
    { description: 'Orientamento di gruppo e bilancio di competenze', payee: 'Fomal' },
    { description: 'Corsi di lingua italiana per il lavoro', payee: 'Opimm' },
    { description: 'Formazione sicurezza sui luoghi di lavoro', payee: 'Fomal' },
  ],
  tirocini_inserimento: [
    { description: 'Assicurazione INAIL e RC tirocinanti', payee: 'INAIL' },
    { description: 'Tutoraggio dei tirocini – soggetto promotore', payee: 'Opimm' },
    { description: 'Visite mediche preassuntive', payee: 'Poliambulatorio Bologna Lavoro S.r.l.' },
  ],
  autoimpiego: [
    { description: 'Accompagnamento all’autoimpiego e business plan', payee: 'CNA Bologna' },
    { description: 'Tutoraggio delle nuove imprese', payee: 'Confartigianato Imprese di Bologna e Imola' },
  ],
  credito: [
    { description: 'Fondo di garanzia per il microcredito', payee: 'Fondazione San Petronio Onlus' },
    { description: 'Contributo in conto interessi sui prestiti', payee: 'Emil Banca' },
  ],
  pon: [
    { description: 'Cofinanziamento PON Metro – Lavoro di comunità', payee: 'Comune di Bologna – PON Metro' },
    { description: 'Cofinanziamento PON Inclusione', payee: 'ASP Città di Bologna' },
  ],
  gestione: [
    { description: 'Personale dell’Ufficio comune per lo sviluppo economico', payee: 'Ufficio comune per lo sviluppo economico' },
    { description: 'Sistema informativo e gestione dati', payee: 'Lepida S.c.p.A.' },
    { description: 'Comunicazione e rendicontazione', payee: 'Fondazione San Petronio Onlus' },
  ],
};

/** Frequent Italian first names (most people get one of these; the rest come from faker's long list). */
export const COMMON_FIRST_NAMES = {
  M: [
    'Marco', 'Giuseppe', 'Luca', 'Andrea', 'Francesco', 'Alessandro', 'Giovanni', 'Roberto', 'Stefano', 'Antonio', 'Paolo', 'Matteo',
    'Davide', 'Simone', 'Massimo', 'Fabio', 'Salvatore', 'Daniele', 'Mario', 'Claudio', 'Lorenzo', 'Riccardo', 'Federico', 'Emanuele',
    'Vincenzo', 'Gianluca', 'Alberto', 'Maurizio', 'Michele', 'Nicola', 'Enrico', 'Filippo', 'Pietro', 'Gabriele', 'Tommaso', 'Sergio',
  ],
  F: [
    'Maria', 'Anna', 'Giulia', 'Francesca', 'Laura', 'Sara', 'Chiara', 'Paola', 'Elena', 'Valentina', 'Silvia', 'Alessandra', 'Federica',
    'Roberta', 'Cristina', 'Barbara', 'Monica', 'Simona', 'Elisa', 'Martina', 'Giorgia', 'Daniela', 'Stefania', 'Antonella', 'Claudia',
    'Manuela', 'Patrizia', 'Rosa', 'Giovanna', 'Angela', 'Serena', 'Alice', 'Ilaria', 'Veronica', 'Lucia', 'Teresa',
  ],
} as const;

/** Real streets of Bologna, for people and companies domiciled in the city. */
export const BOLOGNA_STREETS: readonly string[] = [
  'Via Stalingrado', 'Via San Donato', 'Via Mascarella', 'Via del Pratello', 'Via Saragozza', 'Via Emilia Ponente', 'Via Emilia Levante',
  'Via Massarenti', 'Via Andrea Costa', 'Via Ferrarese', 'Via di Corticella', 'Via Bolognina', 'Via Tiarini', 'Via Marco Polo',
  'Via della Beverara', 'Via Zanardi', 'Via Agucchi', 'Via Felice Battaglia', 'Via Mazzini', 'Via Murri', 'Via Toscana', 'Via Po',
  'Via Lombardia', 'Via Libia', 'Via Cracovia', 'Via Larga', 'Via del Lavoro', 'Via Michelino', 'Via Bentini', 'Via Arcoveggio',
  'Via Irnerio', 'Via Zamboni', 'Via San Vitale', 'Via Santo Stefano', 'Via Castiglione', 'Via Galliera', 'Via dell’Indipendenza',
  'Via Lame', 'Via del Borgo di San Pietro', 'Via Nazario Sauro', 'Via Marconi', 'Via Sabotino', 'Via Battindarno', 'Via Pier de’ Crescenzi',
  'Via Casarini', 'Via della Certosa', 'Via Roncati', 'Via Sant’Isaia', 'Via Barca', 'Via Normandia', 'Piazza dell’Unità', 'Piazza Mickiewicz',
  'Via Gandusio', 'Via Vezza', 'Via Erbosa', 'Via Rimesse', 'Via Pallavicini', 'Via Vittorio Veneto', 'Via Jacopo della Quercia', 'Via Yuri Gagarin',
];

/** Street names common in every Italian town (the other comuni, and cities outside the metro area). */
export const TOWN_STREETS: readonly string[] = [
  'Via Roma', 'Via Giuseppe Garibaldi', 'Via Giacomo Matteotti', 'Via Giuseppe Mazzini', 'Via Dante Alighieri', 'Via XX Settembre',
  'Via Cavour', 'Via IV Novembre', 'Via Antonio Gramsci', 'Via della Repubblica', 'Via Marconi', 'Via Emilia', 'Via Aldo Moro',
  'Via Don Giovanni Minzoni', 'Via Nazionale', 'Via della Libertà', 'Via Piave', 'Via Martiri della Libertà', 'Via Pietro Nenni',
  'Via Alessandro Manzoni', 'Via Galileo Galilei', 'Via Amendola', 'Via Dei Mille', 'Via Guido Rossa', 'Via Fratelli Cervi',
  'Via Giovanni XXIII', 'Via Bologna', 'Via Provinciale', 'Via San Vitale', 'Piazza Giuseppe Garibaldi', 'Piazza della Pace',
  'Via Caduti di via Fani', 'Via Papa Giovanni Paolo II', 'Via Enrico Berlinguer', 'Via Sandro Pertini', 'Via dell’Artigianato',
  'Via dell’Industria', 'Via del Commercio', 'Via Modena', 'Via Porrettana',
];
