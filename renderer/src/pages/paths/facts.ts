import type { InterventionView } from '../../../../electron/contract/paths';
import { CONTRACT_TYPE_LABELS, HIRE_KIND_LABELS, REPAYMENT_STATUS_LABELS, TRAINEE_CATEGORY_LABELS } from '../../../../electron/domain/paths';
import { formatEuro } from '../../format';

/** The instrument's data of an intervention as label/value pairs, in Italian, leaving out what is empty. */
export function interventionFacts(i: InterventionView): { label: string; value: string }[] {
  const facts: [string, string | null][] = [];
  const yes = (b: boolean | null) => (b === null ? null : b ? 'Sì' : 'No');
  switch (i.instrumentCode) {
    case 'inserimento':
      facts.push(
        ['Contratto', i.contractType ? CONTRACT_TYPE_LABELS[i.contractType] : null],
        ['Tipo di inserimento', i.hireKind ? HIRE_KIND_LABELS[i.hireKind] : null],
        ['Ore settimanali', i.weeklyHours === null ? null : String(i.weeklyHours)],
      );
      break;
    case 'tirocinio':
      facts.push(
        ['Tutor', i.tutorName],
        ['Indennità mensile', i.monthlyIndemnityCents === null ? null : formatEuro(i.monthlyIndemnityCents)],
        ['Durata', i.months === null ? null : `${i.months} ${i.months === 1 ? 'mese' : 'mesi'}`],
        ['Tirocinio di inclusione', i.inclusiveTraineeship ? 'Sì (DGR 1143/2019)' : null],
        ['Condizione', i.traineeCategory && i.traineeCategory !== 'ordinario' ? TRAINEE_CATEGORY_LABELS[i.traineeCategory] : null],
      );
      break;
    case 'formazione':
      facts.push(
        ['Corso', i.courseName],
        ['Ente', i.providerName],
        ['Ore', i.courseHours === null ? null : String(i.courseHours)],
        ['Completato', yes(i.completed)],
        ['Attestato', i.certificate],
      );
      break;
    case 'autoimpiego':
      facts.push(['Idea d’impresa', i.businessIdea], ['Contributo', i.grantCents === null ? null : formatEuro(i.grantCents)]);
      break;
    case 'credito':
      facts.push(
        ['Ente finanziatore', i.lender],
        ['Importo', i.loanCents === null ? null : formatEuro(i.loanCents)],
        ['Rimborso', i.repaymentStatus ? REPAYMENT_STATUS_LABELS[i.repaymentStatus] : null],
      );
      break;
    case 'pon':
      facts.push(['Progetto', i.projectName], ['Ruolo', i.projectRole]);
      break;
  }
  return facts.filter((f): f is [string, string] => f[1] !== null && f[1] !== '').map(([label, value]) => ({ label, value }));
}
