import { checkLetter, computeCodiceFiscale, isOmocodic, taxCodeKey } from '../../electron/domain/codiceFiscale';
import { nameKey } from '../../electron/domain/text';
import { inChunks } from './batch';
import type { SeedContext } from './context';
import { addMonths, addYears, iso, stamp } from './dates';
import { foreignName, ORIGINS } from './foreignNames';
import { Weighted } from './random';
import { opimmShare, planRecent, type RecentPlan } from './recent';
import { BOLOGNA_ISTAT, comuneWeights, ITALIAN_BIRTH_WEIGHTS } from './territory';
import {
  BOLOGNA_STREETS, COMMON_FIRST_NAMES, EMAIL_DOMAINS, LANGUAGES_OTHER, MOBILE_PREFIXES, OUTSIDE_METRO_CITIES, PAST_ROLES, SKILLS, TOWN_STREETS,
} from './vocabulary';

/** What later generators need to know about a person. */
export interface PersonRecord {
  id: number;
  firstName: string;
  lastName: string;
  sex: 'M' | 'F';
  birthDate: string;
  birthPlace: string;
  /** Domicile city (a comune of the metro area, or the city outside it), street, number. */
  city: string;
  street: string;
  number: string;
  outsideMetro: boolean;
  /** Application day of the person's first case. */
  firstApplication: number;
  /** Has an earlier, closed case before the current one. */
  repeat: boolean;
  /** Applied in the last weeks (then never `repeat`): the story of that application. */
  recent: RecentPlan | null;
}

/** A few of the latest applicants, not met yet, were registered without the signed privacy notice. */
const NOTICE_MISSING_REASON = 'Segnalazione senza incontro: informativa da far firmare al primo colloquio';
const OMOCODIC_INDEXES = [14, 13, 12, 10, 9, 7, 6] as const;
const OMOCODIC_LETTERS = 'LMNPQRSTUV';
const AGE_BANDS = new Weighted<[number, number]>([
  [[18, 24], 12], [[25, 29], 12], [[30, 39], 25], [[40, 49], 25], [[50, 59], 20], [[60, 67], 6],
]);
const ISCED = new Weighted<number>([[0, 2], [1, 9], [2, 32], [3, 33], [4, 5], [5, 2], [6, 10], [7, 6], [8, 1]]);

/**
 * Official omocodia: replace the digits from the right with L…V and recompute the check letter,
 * until the code is unused. Keeps the code valid and decodable to the same data.
 */
function uniqueTaxCode(code: string, used: Set<string>): string {
  let chars = code.slice(0, 15).split('');
  let candidate = code;
  for (const index of OMOCODIC_INDEXES) {
    if (!used.has(candidate)) break;
    chars = chars.slice();
    chars[index] = OMOCODIC_LETTERS.charAt(Number(chars[index]));
    const first15 = chars.join('');
    candidate = first15 + checkLetter(first15);
  }
  if (used.has(candidate)) throw new Error(`Codice fiscale duplicato anche con omocodia: ${code}`);
  return candidate;
}

export function insertPeople(ctx: SeedContext, firstId: number): PersonRecord[] {
  const { db, rng, faker, cfg, ref } = ctx;
  const domicile = comuneWeights(ref, 0.6, false);
  // the frequent birth places only, not every Italian comune of the reference list
  const italianPlaces = ref.birthPlaces.filter((p) => p.kind === 'comune' && p.code in ITALIAN_BIRTH_WEIGHTS);
  const italianBirth = new Weighted(italianPlaces.map((p) => [p, ITALIAN_BIRTH_WEIGHTS[p.code] ?? 0] as const));
  const foreignPlaces = ref.birthPlaces.filter((p) => p.kind === 'estero' && ORIGINS[p.code]);
  const foreignBirth = new Weighted(foreignPlaces.map((p) => [p, ORIGINS[p.code]?.weight ?? 0] as const));
  const skillsBySex = {
    M: new Weighted(SKILLS.map((s) => [s, s.m] as const)),
    F: new Weighted(SKILLS.map((s) => [s, s.f] as const)),
  };
  const emailDomain = new Weighted(EMAIL_DOMAINS);

  const insertPerson = db.prepare(
    `INSERT INTO people (id, last_name, first_name, name_key, sex, birth_date, birth_place_code, birth_place_text, tax_code,
      tax_code_missing_reason, citizenship, nationality_group, domicile_istat, domicile_street, domicile_number, outside_metro,
      outside_metro_city, domicile_name, phone, email, education_isced, languages, driving_licence, privacy_missing_reason,
      created_at, updated_at, tax_code_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // the versions of the notice (migration 012): a person signs the one in force on the day they apply
  const notices = db.prepare('SELECT id, valid_from FROM privacy_notices ORDER BY valid_from DESC').all() as { id: number; valid_from: string }[];
  const noticeOn = (day: string) => (notices.find((n) => n.valid_from <= day) ?? notices.at(-1))!.id;
  const insertAcknowledgement = db.prepare('INSERT INTO privacy_acknowledgements (person_id, notice_id, acknowledged_on, recorded_by, created_at) VALUES (?, ?, ?, NULL, ?)');
  const insertSkill = db.prepare('INSERT INTO person_skills (person_id, skill) VALUES (?, ?)');
  const insertExperience = db.prepare(
    'INSERT INTO work_experiences (person_id, employer, role, start_date, end_date, description) VALUES (?, ?, ?, ?, ?, ?)',
  );

  // First application days, in chronological order so that ids follow time. People with an
  // earlier case applied in the first half of the period (room for the second case); the last
  // cfg.recentApplications people in the last weeks.
  const span = cfg.periodEnd - cfg.periodStart;
  type Start = { day: number; repeat: boolean; recent: RecentPlan | null };
  const starts: Start[] = [];
  for (let i = 0; i < cfg.people - cfg.recentApplications; i++) {
    const repeat = rng.chance(cfg.repeatShare);
    starts.push({ day: cfg.periodStart + rng.int(0, repeat ? Math.floor(span * 0.55) : span), repeat, recent: null });
  }
  const opimm = opimmShare(cfg.recentApplications);
  for (let i = 0; i < cfg.recentApplications; i++) {
    const plan = planRecent(rng, cfg.today, i < opimm);
    starts.push({ day: plan.application, repeat: false, recent: plan });
  }
  starts.sort((a, b) => a.day - b.day);

  const usedCodes = new Set<string>();
  const people: PersonRecord[] = [];
  inChunks(
    db,
    cfg.people,
    cfg.chunk,
    (i) => {
      const { day: application, repeat, recent } = starts[i] as Start;
      const id = firstId + i;
      const sex: 'M' | 'F' = rng.chance(0.52) ? 'F' : 'M';
      const foreign = rng.chance(0.25);
      const place = foreign ? foreignBirth.pick(rng) : italianBirth.pick(rng);
      const origin = foreign ? ORIGINS[place.code] : undefined;
      const { firstName, lastName } = origin
        ? foreignName(origin, sex, (items) => rng.pick(items))
        : {
            firstName: rng.chance(0.7) ? rng.pick(COMMON_FIRST_NAMES[sex]) : faker.person.firstName(sex === 'M' ? 'male' : 'female'),
            lastName: faker.person.lastName(),
          };

      // Age 18–67 at the first application (at most 60 for people who will apply again).
      const [minAge, maxAgeBand] = AGE_BANDS.pick(rng);
      const age = rng.int(minAge, repeat ? Math.min(maxAgeBand, 60) : maxAgeBand);
      const birthDay = rng.int(addYears(application, -(age + 1)) + 1, addYears(application, -age));
      const birthDate = iso(birthDay);

      // ~4% of the foreign-born (≈1% overall) arrived recently and have no codice fiscale yet.
      const missingCode = foreign && rng.chance(0.04);
      let taxCode: string | null = null;
      if (!missingCode) {
        taxCode = uniqueTaxCode(computeCodiceFiscale({ lastName, firstName, sex, birthDate, birthPlaceCode: place.code }), usedCodes);
        usedCodes.add(taxCode);
      }
      // Some of the foreign-born are Italian citizens by now.
      const naturalised = foreign && rng.chance(0.1);
      const citizenship = foreign && !naturalised ? place.name : 'Italia';
      const group = foreign && !naturalised ? place.group : 'IT';

      // (whoever Opimm took in lives in the metro area: their case stays open)
      const outsideMetro = !repeat && !recent?.opimm && rng.chance(0.02);
      const comune = outsideMetro ? null : domicile.pick(rng);
      const city = comune ? comune.name : rng.pick(OUTSIDE_METRO_CITIES);
      // Real streets in Bologna; elsewhere common street names or one named after a (faker) person.
      const street =
        comune?.istat === BOLOGNA_ISTAT
          ? rng.pick(BOLOGNA_STREETS)
          : rng.chance(0.6)
            ? rng.pick(TOWN_STREETS)
            : `Via ${faker.person.firstName()} ${faker.person.lastName()}`;
      const number = rng.chance(0.1) ? `${rng.int(1, 120)}/${rng.pick(['A', 'B', 'C'])}` : String(rng.int(1, 180));
      const phone = rng.chance(0.93) ? `${rng.pick(MOBILE_PREFIXES)} ${rng.digits(7)}` : null;
      const email = rng.chance(0.8)
        ? `${nameKey(firstName)}${rng.pick(['.', '', '_'])}${nameKey(lastName)}${rng.chance(0.5) ? rng.int(1, 99) : ''}@${emailDomain.pick(rng)}`
        : null;

      const skills = new Set<(typeof SKILLS)[number]>();
      const wanted = rng.int(1, 4);
      for (let tries = 0; skills.size < wanted && tries < 12; tries++) skills.add(skillsBySex[sex].pick(rng));
      const needsC = [...skills].some((s) => s.skill === 'autista patente C');
      const licence = needsC ? 'B, C' : rng.chance(foreign ? 0.35 : 0.65) ? (rng.chance(0.06) ? 'B, C' : 'B') : null;
      const others = LANGUAGES_OTHER.filter(([, p]) => rng.chance(p / 100)).map(([l]) => l);
      const languages = origin ? `${origin.languages}, italiano` : ['italiano', ...others].join(', ');
      const createdAt = stamp(application, id * 7919);
      // by the record number, not the generator: the rest of the demo data stays as it was
      const noticeMissing = recent?.status === 'iscritto' && id % 3 === 0;

      insertPerson.run(
        id, lastName, firstName, nameKey(`${lastName} ${firstName}`), sex, birthDate, place.code, place.name, taxCode,
        missingCode ? 'Arrivo recente: codice fiscale in attesa' : null, citizenship, group, comune ? comune.istat : null, street, number,
        outsideMetro ? 1 : 0, outsideMetro ? city : null, city, phone, email, ISCED.pick(rng), languages, licence,
        noticeMissing ? NOTICE_MISSING_REASON : null, createdAt, createdAt,
        // an omocodic code here is another person's plain one, made distinct: it goes without the key
        // (as migration 018 leaves such records), and the network's search for doubles finds the pair
        taxCode && !isOmocodic(taxCode) ? taxCodeKey(taxCode) : null,
      );
      if (!noticeMissing) insertAcknowledgement.run(id, noticeOn(iso(application)), iso(application), createdAt);
      for (const s of skills) insertSkill.run(id, s.skill);

      // Work experiences before the application, most recent last.
      const experiences = rng.pick([0, 0, 1, 1, 1, 2, 2, 3]);
      let cursor = addMonths(application, -rng.int(24, 120));
      for (let e = 0; e < experiences && cursor < application - 60; e++) {
        const start = cursor + rng.int(0, 180);
        const end = Math.min(addMonths(start, rng.int(2, 36)), application - 30);
        if (end <= start) break;
        const role = rng.chance(0.5) ? rng.pick([...skills]).role : rng.pick(PAST_ROLES);
        const domestic = role === 'Badante' || role === 'Baby sitter' || role === 'Collaboratrice domestica' || role === 'Assistente familiare';
        const employer = domestic ? 'Famiglia privata' : faker.company.name();
        insertExperience.run(id, employer, role, iso(start), iso(end), rng.chance(0.3) ? (foreign && rng.chance(0.5) ? 'Esperienza svolta nel paese di origine' : 'Contratto a termine non rinnovato') : null);
        cursor = end;
      }

      people.push({
        id, firstName, lastName, sex, birthDate, birthPlace: place.name, city, street, number, outsideMetro,
        firstApplication: application, repeat, recent,
      });
    },
    (done) => ctx.progress.update('Persone', done, cfg.people),
  );
  return people;
}
