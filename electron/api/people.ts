import { AppError } from '../contract/errors';
import type { Role } from '../contract/roles';
import { downloadDocument, uploadPersonDocument } from '../services/documents';
import { checkDuplicates } from '../services/duplicates';
import { mergePeople } from '../services/merge';
import { addNote } from '../services/notes';
import { createPerson, updatePerson } from '../services/people';
import { referenceData } from '../services/reference';
import type { AreaHandlers, CallContext } from './handlers';

type Methods = 'reference.all' | 'people.checkDuplicates' | 'people.create' | 'people.update' | 'people.merge' | 'documents.upload' | 'documents.download' | 'notes.add';

function roleOf(ctx: CallContext): Role {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Sessione scaduta o non valida: accedere di nuovo');
  return ctx.user.role;
}

export const peopleHandlers: AreaHandlers<Methods> = {
  'reference.all': (_input, ctx) => referenceData(ctx.store.db),
  'people.checkDuplicates': (input, ctx) => checkDuplicates(ctx.store.db, input, roleOf(ctx)),
  'people.create': (input, ctx) => createPerson(ctx, input),
  'people.update': (input, ctx) => updatePerson(ctx, input, roleOf(ctx)),
  'people.merge': (input, ctx) => mergePeople(ctx, input.keepId, input.mergeId),
  'documents.upload': (input, ctx) => uploadPersonDocument(ctx, input),
  'documents.download': (input, ctx) => downloadDocument(ctx, input.id),
  'notes.add': (input, ctx) => addNote(ctx, { personId: input.personId, caseId: input.caseId ?? null, body: input.body }),
};
