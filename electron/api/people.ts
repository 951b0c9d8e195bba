import { AppError } from '../contract/errors';
import type { Role } from '../contract/roles';
import { downloadDocument, uploadPersonDocument } from '../services/people/documents';
import { checkDuplicates } from '../services/people/duplicates';
import { mergePeople } from '../services/people/merge';
import { addNote } from '../services/people/notes';
import { createPerson, updatePerson } from '../services/people/people';
import { referenceData } from '../services/system/reference';
import type { AreaHandlers, CallContext } from './handlers';

type Methods = 'system.reference' | 'people.checkDuplicates' | 'people.create' | 'people.update' | 'people.merge' | 'people.documents.upload' | 'people.documents.download' | 'people.notes.add';

function roleOf(ctx: CallContext): Role {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Sessione scaduta o non valida: accedere di nuovo');
  return ctx.user.role;
}

export const peopleHandlers: AreaHandlers<Methods> = {
  'system.reference': (_input, ctx) => referenceData(ctx.store.db),
  'people.checkDuplicates': (input, ctx) => checkDuplicates(ctx.store.db, input, roleOf(ctx)),
  'people.create': (input, ctx) => createPerson(ctx, input),
  'people.update': (input, ctx) => updatePerson(ctx, input, roleOf(ctx)),
  'people.merge': (input, ctx) => mergePeople(ctx, input.keepId, input.mergeId),
  'people.documents.upload': (input, ctx) => uploadPersonDocument(ctx, input),
  'people.documents.download': (input, ctx) => downloadDocument(ctx, input.id),
  'people.notes.add': (input, ctx) => addNote(ctx, { personId: input.personId, caseId: input.caseId ?? null, body: input.body }),
};
