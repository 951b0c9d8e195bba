import type { pactsContract } from '../contract/pacts';
import { companyOptions, createPact, listPacts, loadPact, prefillPact, updatePact } from '../services/pacts/pacts';
import { archivePact, blankPactPdf, cancelPact, markPrinted, markSigned, pactPdf, signedCopy } from '../services/pacts/lifecycle';
import type { AreaHandlers } from './handlers';

export const pactsHandlers: AreaHandlers<keyof typeof pactsContract> = {
  'pacts.prefill': prefillPact,
  'pacts.create': createPact,
  'pacts.update': updatePact,
  'pacts.get': (ctx, input) => loadPact(ctx, input),
  'pacts.list': listPacts,
  'pacts.companyOptions': companyOptions,
  'pacts.pdf': pactPdf,
  'pacts.blankPdf': blankPactPdf,
  'pacts.markPrinted': markPrinted,
  'pacts.markSigned': markSigned,
  'pacts.archive': archivePact,
  'pacts.cancel': cancelPact,
  'pacts.signedCopy': signedCopy,
};
