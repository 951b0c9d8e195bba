import type { matchingContract } from '../contract/matching';
import { matchNeed, matchPerson, proposeFromMatch } from '../services/matching/matching';
import type { AreaHandlers } from './handlers';

export const matchingHandlers: AreaHandlers<keyof typeof matchingContract> = {
  'matching.need': matchNeed,
  'matching.person': matchPerson,
  'matching.propose': proposeFromMatch,
};
