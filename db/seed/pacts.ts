import { inChunks } from './batch';
import type { CompanyRecord } from './companies';
import type { SeedContext } from './context';
import { iso, stampAt, yearOf } from './dates';
import type { InterventionPlan } from './paths';
import type { PersonRecord } from './people';
import { Weighted } from './random';

type PactStatus = 'bozza' | 'stampato' | 'firmato' | 'archiviato' | 'annullato';

const OLD = new Weighted<PactStatus>([['firmato', 42], ['archiviato', 50], ['annullato', 5], ['stampato', 2], ['bozza', 1]]);
const RECENT = new Weighted<PactStatus>([['firmato', 55], ['archiviato', 17], ['stampato', 15], ['bozza', 8], ['annullato', 5]]);
const CANCEL_REASONS = ['Tirocinio non avviato', 'Rinuncia della persona', 'Azienda non più disponibile', 'Dati errati: patto sostituito'];
const PACT_INSTRUMENTS = new Set(['tirocinio', 'inserimento', 'autoimpiego']);

/**
 * Patti per il buon lavoro for a share of traineeships, hires and supported self-employment with a
 * company (DOMAIN.md §4), numbered PBL-YYYY-NNNNN in date order within each year.
 */
export function insertPacts(ctx: SeedContext, plans: InterventionPlan[], people: PersonRecord[], companies: CompanyRecord[], firstId: number): number {
  const { db, rng, cfg, staff } = ctx;
  const today = cfg.today;
  const eligible = plans.filter((iv) => iv.companyIndex !== null && PACT_INSTRUMENTS.has(iv.instrument));
  const share = Math.min(cfg.pactShare, cfg.pactCap / Math.max(1, eligible.length));
  const chosen = eligible
    .filter(() => rng.chance(share))
    .slice(0, cfg.pactCap)
    .map((iv) => ({ iv, day: Math.min(iv.start - rng.int(2, 20), today - rng.int(0, 5)) }));
  chosen.sort((a, b) => a.day - b.day || a.iv.id - b.iv.id);

  const insertPact = db.prepare(
    `INSERT INTO pacts (id, number, company_id, person_id, intervention_id, signer_name, signer_role, seat_city, seat_street, seat_number,
      mode_inserimento, mode_tirocinio, mode_autoimpiego, mode_altro_text, person_first_name, person_last_name, person_birth_place,
      person_birth_date, person_city, person_street, person_number, referent_user_id, referent_first_name, referent_last_name,
      pact_date, pact_place, status, printed_at, signed_on, signed_attachment_id, archived_on, cancelled_reason, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Bologna', ?, ?, ?, NULL, ?, ?, ?, ?)`,
  );
  const insertHistory = db.prepare('INSERT INTO pact_status_history (pact_id, from_status, to_status, changed_at, user_id, note) VALUES (?, ?, ?, ?, ?, ?)');
  const perYear = new Map<number, number>();

  inChunks(
    db,
    chosen.length,
    cfg.chunk,
    (i) => {
      const { iv, day } = chosen[i] as { iv: InterventionPlan; day: number };
      const id = firstId + i;
      const company = companies[iv.companyIndex ?? -1] as CompanyRecord;
      const person = people[iv.personIndex] as PersonRecord;
      const referent = rng.pick(staff.coordinators);
      const year = yearOf(day);
      const seq = (perYear.get(year) ?? 0) + 1;
      perYear.set(year, seq);

      let status: PactStatus = iv.status === 'proposto' ? (rng.chance(0.5) ? 'bozza' : 'stampato') : (today - day > 365 ? OLD : RECENT).pick(rng);
      // The story: bozza → stampato → firmato → archiviato, or annullato from a draft or a printed copy.
      const printed = day + rng.int(0, 2);
      const signed = printed + rng.int(0, 10);
      const archived = signed + rng.int(10, 90);
      if (status === 'archiviato' && archived > today) status = 'firmato';
      if ((status === 'firmato' || status === 'archiviato') && signed > today) status = 'stampato';
      if (status === 'stampato' && printed > today) status = 'bozza';
      const cancelledFromPrinted = status === 'annullato' && rng.chance(0.5) && printed <= today;
      const cancelled = status === 'annullato' ? Math.min(today, (cancelledFromPrinted ? printed : day) + rng.int(1, 20)) : day;

      const steps: [PactStatus | null, PactStatus, number][] = [[null, 'bozza', day]];
      if (status === 'stampato' || status === 'firmato' || status === 'archiviato' || cancelledFromPrinted) steps.push(['bozza', 'stampato', printed]);
      if (status === 'firmato' || status === 'archiviato') steps.push(['stampato', 'firmato', signed]);
      if (status === 'archiviato') steps.push(['firmato', 'archiviato', archived]);
      if (status === 'annullato') steps.push([cancelledFromPrinted ? 'stampato' : 'bozza', 'annullato', cancelledFromPrinted ? Math.max(cancelled, printed) : cancelled]);
      const isPrinted = steps.some(([, to]) => to === 'stampato');
      const isSigned = status === 'firmato' || status === 'archiviato';
      const last = steps[steps.length - 1] as [PactStatus | null, PactStatus, number];

      insertPact.run(
        id, `PBL-${year}-${String(seq).padStart(5, '0')}`, company.id, person.id, iv.id, company.legalRep, company.legalRepRole,
        company.city, company.street, company.number, iv.instrument === 'inserimento' ? 1 : 0, iv.instrument === 'tirocinio' ? 1 : 0,
        iv.instrument === 'autoimpiego' ? 1 : 0, rng.chance(0.03) ? 'Tutoraggio aziendale' : null, person.firstName, person.lastName,
        person.birthPlace, person.birthDate, person.city, person.street, person.number, referent.id, referent.firstName, referent.lastName,
        iso(day), status, isPrinted ? stampAt(printed, 11, id) : null, isSigned ? iso(signed) : null,
        status === 'archiviato' ? iso(archived) : null, status === 'annullato' ? rng.pick(CANCEL_REASONS) : null,
        stampAt(day, 9, id), stampAt(last[2], 9 + steps.length, id),
      );
      steps.forEach(([from, to, on], k) => insertHistory.run(id, from, to, stampAt(on, 9 + k + 1, id * 7 + k), referent.id, null));
    },
    (done) => ctx.progress.update('Patti', done, chosen.length),
  );
  return chosen.length;
}
