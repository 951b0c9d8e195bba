import { partitaIvaCheckDigit } from '../../electron/domain/partitaIva';
import { nameKey } from '../../electron/domain/text';
import { inChunks } from './batch';
import type { SeedContext } from './context';
import { addMonths, dayOf, iso, stamp } from './dates';
import { Weighted, type Rng } from './random';
import { BOLOGNA_ISTAT, comuneWeights, landlinePrefix } from './territory';
import { BOLOGNA_STREETS, CONTACT_ROLES, COMPANY_WORDS, COOP_NAMES, MOBILE_PREFIXES, SKILLS, TOWN_STREETS } from './vocabulary';

export interface CompanyRecord {
  id: number;
  name: string;
  city: string;
  street: string;
  number: string;
  legalRep: string;
  legalRepRole: string;
  ateco: string;
  /** Relative chance of hosting a traineeship or a hire (size, Board membership). */
  weight: number;
  needs: { id: number; instrument: string }[];
}

const PROTOCOL_DAY = dayOf('2017-05-22');
const ATECO = new Weighted<string>([['H', 18], ['G', 18], ['N', 16], ['I', 14], ['Q', 12], ['C', 12], ['F', 5], ['M', 2], ['J', 1.5], ['S', 1.5], ['A', 1]]);
const LEGAL_FORMS = new Weighted<string>([['S.r.l.', 45], ['S.p.A.', 6], ['S.n.c.', 10], ['Soc. coop.', 12], ['S.a.s.', 9], ['ditta individuale', 12]]);
const SIZES = new Weighted<'micro' | 'piccola' | 'media' | 'grande'>([['micro', 45], ['piccola', 33], ['media', 16], ['grande', 6]]);
const SIZE_WEIGHT = { micro: 1, piccola: 2, media: 4, grande: 7 } as const;
const PLACE_WORDS = ['Emiliana', 'Bolognese', 'Felsinea', 'Padana', 'Adriatica', 'Appennino', 'del Reno', 'Savena', 'Petroniana', 'Due Torri', 'San Luca', 'Navile'];
const VAT_OFFICES = new Weighted<string>([['037', 85], ['015', 4], ['058', 3], ['036', 4], ['039', 2], ['040', 2]]);
const REQUIREMENTS = [
  'Patente B', 'Disponibilità su turni', 'Italiano di base', 'Disponibilità nel fine settimana', 'Automunito', 'Esperienza minima nel ruolo',
  'Attestato HACCP', 'Patentino per carrello elevatore', 'Qualifica OSS', 'Buona manualità', 'Disponibilità a lavori fisici', 'Conoscenza di base del pc',
];

function employerOrg(rng: Rng, ateco: string, form: string): string | null {
  if (rng.chance(0.1)) return null;
  if (form === 'Soc. coop.') return 'alleanza_coop';
  switch (ateco) {
    case 'G':
    case 'I':
      return rng.chance(0.6) ? 'ascom_bo' : 'confesercenti_bo';
    case 'C':
      return rng.pick(['confindustria_eac', 'confindustria_eac', 'cna_bo', 'confartigianato_bo']);
    case 'F':
    case 'S':
    case 'A':
      return rng.chance(0.5) ? 'cna_bo' : 'confartigianato_bo';
    case 'H':
      return rng.pick(['confindustria_eac', 'cna_bo', 'cna_bo', 'ascom_bo']);
    default:
      return rng.pick(['ascom_bo', 'cna_bo', 'confindustria_eac', 'confesercenti_bo']);
  }
}

export function insertCompanies(ctx: SeedContext, firstId: number, firstNeedId: number): CompanyRecord[] {
  const { db, rng, faker, cfg, ref } = ctx;
  const seats = comuneWeights(ref, 0.6, true);
  const insertCompany = db.prepare(
    `INSERT INTO companies (id, name, name_key, vat_number, tax_code, legal_form, ateco_section, seat_istat, seat_city, seat_street,
      seat_number, size_band, employer_org_id, legal_rep_name, legal_rep_role, phone, email, pec, notes, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
  );
  const insertContact = db.prepare('INSERT INTO company_contacts (company_id, name, role, phone, email) VALUES (?, ?, ?, ?, ?)');
  const insertBoard = db.prepare('INSERT INTO board_memberships (company_id, since, until) VALUES (?, ?, ?)');
  const insertNeed = db.prepare(
    `INSERT INTO needs (id, company_id, role, positions, instrument_code, period_from, period_to, requirements, district_code, status,
      created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertNeedSkill = db.prepare('INSERT INTO need_skills (need_id, skill) VALUES (?, ?)');

  const usedVat = new Set<string>();
  const companies: CompanyRecord[] = [];
  let needId = firstNeedId;
  // Board memberships start between the protocol and 2021 (DOMAIN.md §4: 101 members in 2020, 109 in 2021).
  const boardLatest = Math.min(dayOf('2021-12-31'), cfg.periodEnd, cfg.today) - 30;
  inChunks(
    db,
    cfg.companies,
    cfg.chunk,
    (i) => {
      const id = firstId + i;
      const ateco = ATECO.pick(rng);
      let form = LEGAL_FORMS.pick(rng);
      if ((ateco === 'Q' || ateco === 'N') && rng.chance(0.35)) form = 'Soc. coop.';
      const repFirst = faker.person.firstName();
      const repLast = faker.person.lastName();
      const word = rng.pick(COMPANY_WORDS[ateco] ?? ['Servizi']);
      let name: string;
      if (form === 'ditta individuale') name = `${word} ${rng.chance(0.5) ? `da ${repFirst}` : repLast} di ${repFirst} ${repLast}`;
      else if (form === 'Soc. coop.') name = `${ateco === 'Q' || ateco === 'N' ? 'Cooperativa sociale' : word} ${rng.pick(COOP_NAMES)} Soc. coop.`;
      else {
        const stem = rng.pick([
          () => `${word} ${faker.person.lastName()}`,
          () => `${faker.person.lastName()} ${word}`,
          () => `${faker.person.lastName()} & ${faker.person.lastName()}`,
          () => `${word} ${rng.pick(PLACE_WORDS)}`,
          () => faker.company.name().replace(/\s+(SPA|s\.r\.l\.|Group|e figli|Industries|srl)$/i, ''),
        ])();
        name = `${stem} ${form}`;
      }

      let vat: string;
      do {
        const first10 = rng.digits(7) + VAT_OFFICES.pick(rng);
        vat = first10 + String(partitaIvaCheckDigit(first10));
      } while (usedVat.has(vat));
      usedVat.add(vat);

      const seat = seats.pick(rng);
      const size = form === 'S.p.A.' && rng.chance(0.6) ? rng.pick(['media', 'grande'] as const) : form === 'ditta individuale' ? 'micro' : SIZES.pick(rng);
      const role =
        form === 'ditta individuale'
          ? 'Titolare'
          : form === 'S.p.A.' && rng.chance(0.6)
            ? 'Amministratore delegato'
            : (form === 'S.n.c.' || form === 'S.a.s.') && rng.chance(0.3)
              ? 'Titolare'
              : 'Legale rappresentante';
      // Web domain from the distinctive part of the name (no legal form, no "di <owner>").
      const brand = name
        .replace(/ (S\.r\.l\.|S\.p\.A\.|S\.n\.c\.|S\.a\.s\.|Soc\. coop\.)$/, '')
        .replace(/^Cooperativa sociale /, '')
        .replace(form === 'ditta individuale' ? / di .*$/ : '', '');
      const slug = nameKey(brand).slice(0, 24) || `impresa${id}`;
      const org = employerOrg(rng, ateco, form);
      const createdDay = PROTOCOL_DAY + rng.int(0, Math.max(30, Math.min(900, cfg.periodEnd - PROTOCOL_DAY)));
      const createdAt = stamp(createdDay, id * 104729);
      // Companies mostly sit on industrial and commercial streets.
      const street = rng.chance(0.3) ? rng.pick(['Via dell’Industria', 'Via dell’Artigianato', 'Via del Lavoro', 'Via dell’Arcoveggio', 'Via del Commercio', 'Via della Tecnica'])
        : rng.pick(seat.istat === BOLOGNA_ISTAT ? BOLOGNA_STREETS : TOWN_STREETS);
      const number = String(rng.int(1, 220));
      insertCompany.run(
        id, name, nameKey(name), vat, vat, form, ateco, seat.istat, seat.name, street, number, size, org ? ref.orgId(org) : null,
        `${repFirst} ${repLast}`, role, `${landlinePrefix(seat.district)} ${rng.digits(rng.chance(0.5) ? 6 : 7)}`, `info@${slug}.it`,
        form === 'ditta individuale' ? null : `${slug}@pec.it`, createdAt, createdAt,
      );

      for (let c = rng.chance(0.4) ? 2 : 1; c > 0; c--) {
        const first = faker.person.firstName();
        const last = faker.person.lastName();
        insertContact.run(id, `${first} ${last}`, rng.pick(CONTACT_ROLES), `${rng.pick(MOBILE_PREFIXES)} ${rng.digits(7)}`, `${nameKey(first)}.${nameKey(last)}@${slug}.it`);
      }

      // About a third sit on the Board di imprese; a quarter of those left it later.
      const board = rng.chance(0.34);
      if (board) {
        const since = cfg.periodStart + rng.int(0, Math.max(0, boardLatest - cfg.periodStart));
        const until = rng.chance(0.25) ? since + rng.int(365, 1100) : null;
        insertBoard.run(id, iso(since), until !== null && until < cfg.today ? iso(until) : null);
      }

      const needs: CompanyRecord['needs'] = [];
      const needCount = rng.pick([0, 0, 0, 1, 1, 1, 2, 2, 3]);
      const sectorSkills = SKILLS.filter((s) => s.ateco === ateco);
      for (let n = 0; n < needCount; n++) {
        const skill = sectorSkills.length > 0 && rng.chance(0.75) ? rng.pick(sectorSkills) : rng.pick(SKILLS);
        const instrument = rng.chance(0.55) ? 'tirocinio' : rng.chance(0.9) ? 'inserimento' : 'formazione';
        // Most needs lie in the programme's past; some are current, to keep the lists lively.
        const from = rng.chance(0.15)
          ? cfg.today - rng.int(0, 90)
          : cfg.periodStart + 90 + rng.int(0, Math.max(0, Math.min(cfg.periodEnd, cfg.today - 60) - cfg.periodStart - 90));
        const to = addMonths(from, rng.int(1, 6));
        const status = to < cfg.today ? (rng.chance(0.85) ? 'chiuso' : 'annullato') : from <= cfg.today && rng.chance(0.6) ? 'in_corso' : 'aperto';
        const requirements = rng.sample(REQUIREMENTS, rng.int(1, 3)).join('; ');
        const needCreated = stamp(from - rng.int(5, 40), needId);
        insertNeed.run(needId, id, skill.role, rng.pick([1, 1, 1, 2, 2, 3, 4, 5]), instrument, iso(from), iso(to), requirements, seat.district, status, needCreated, needCreated);
        insertNeedSkill.run(needId, skill.skill);
        if (rng.chance(0.4)) {
          const extra = rng.pick(SKILLS).skill;
          if (extra !== skill.skill) insertNeedSkill.run(needId, extra);
        }
        needs.push({ id: needId, instrument });
        needId++;
      }

      companies.push({
        id, name, city: seat.name, street, number, legalRep: `${repFirst} ${repLast}`, legalRepRole: role, ateco,
        weight: SIZE_WEIGHT[size] * (board ? 2 : 1), needs,
      });
    },
    (done) => ctx.progress.update('Aziende', done, cfg.companies),
  );
  return companies;
}
