import type { ParsedInputOf } from '../../contract/define';
import type { peopleContract } from '../../contract/people';
import { write, type ServiceContext } from '../context';
import { openCase } from '../cases/cases';
import { insertPerson, preparePerson, registeredMeanwhile } from './people';
import { answerDuplicates } from '../uniqueRules';

type RegisterInput = ParsedInputOf<(typeof peopleContract)['people.register']>;

/**
 * The registration form's one call: the person and their first case in one transaction, so that a
 * refused case (channel, referent, date) leaves no person behind. A codice fiscale already registered
 * returns that person and writes nothing, as people.create does; the same code in another form is refused.
 */
export async function registerPerson(ctx: ServiceContext, input: RegisterInput): Promise<{ created: boolean; personId: number; caseId: number | null }> {
  const { channelCode, referringOrgId, referringPoint, applicationDate, referentUserId, note, ...person } = input;
  const prepared = await preparePerson(ctx, person);
  if (prepared.existingId !== null) return { created: false, personId: prepared.existingId, caseId: null };
  const register = () =>
    write(ctx, async (trx) => {
      const personId = await insertPerson(trx, ctx, prepared);
      const opened = await openCase(trx, ctx, { personId, channelCode, referringOrgId, referringPoint, applicationDate, referentUserId, note });
      return { result: { created: true, personId, caseId: opened.result.id }, audit: opened.audit };
    });
  // another desk registered the same codice fiscale at the same instant: that person, as above
  const meanwhile = async (error: unknown) => ({ created: false, personId: await registeredMeanwhile(ctx.store.db, prepared.person.taxCode, error), caseId: null });
  return answerDuplicates<{ created: boolean; personId: number; caseId: number | null }>(register, { codice_fiscale: meanwhile, codice_fiscale_forma: meanwhile });
}
