import type { peopleContract } from '../contract/people';
import { downloadDocument, uploadPersonDocument } from '../services/people/documents';
import { checkDuplicates } from '../services/people/duplicates';
import { exportPeople } from '../services/people/export';
import { listPeople } from '../services/people/list';
import { dismissPair, listPairs, scanNetwork } from '../services/people/duplicatePairs';
import { mergePeople } from '../services/people/merge';
import { addNote, listNotes } from '../services/people/notes';
import { acknowledgeNotice } from '../services/people/privacyAcknowledgements';
import { startDataCopy } from '../services/people/dataCopy';
import { unmergePeople } from '../services/people/unmerge';
import { personPage } from '../services/people/page';
import { createPerson, updatePerson } from '../services/people/people';
import { registerPerson } from '../services/people/register';
import { deleteFilter, listSavedFilters, saveFilter } from '../services/people/savedFilters';
import type { AreaHandlers } from './handlers';

export const peopleHandlers: AreaHandlers<keyof typeof peopleContract> = {
  'people.checkDuplicates': checkDuplicates,
  'people.register': registerPerson,
  'people.create': createPerson,
  'people.update': updatePerson,
  'people.get': personPage,
  'people.list': listPeople,
  'people.export': exportPeople,
  'people.merge': mergePeople,
  'people.unmerge': unmergePeople,
  'people.duplicates.list': listPairs,
  'people.duplicates.search': scanNetwork,
  'people.duplicates.dismiss': dismissPair,
  'people.savedFilters.list': listSavedFilters,
  'people.savedFilters.save': saveFilter,
  'people.savedFilters.delete': deleteFilter,
  'people.documents.upload': uploadPersonDocument,
  'people.documents.download': downloadDocument,
  'people.notes.add': addNote,
  'people.notes.list': listNotes,
  'people.privacy.acknowledge': acknowledgeNotice,
  'people.dataCopy': startDataCopy,
};
