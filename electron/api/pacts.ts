import { AppError } from '../contract/errors';
import type { pactsContract } from '../contract/pacts';
import type { Role } from '../contract/roles';
import { companyOptions, createPact, listPacts, loadPact, prefillPact, updatePact } from '../services/pacts/pacts';
import { archivePact, blankPactPdf, cancelPact, markPrinted, markSigned, pactPdf, signedCopy } from '../services/pacts/lifecycle';
import type { AreaHandlers, CallContext } from './handlers';

function roleOf(ctx: CallContext): Role {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Sessione scaduta o non valida: accedere di nuovo');
  return ctx.user.role;
}

export const pactsHandlers: AreaHandlers<keyof typeof pactsContract> = {
  'pacts.prefill': (input, ctx) => prefillPact(ctx.store.db, input, ctx.user),
  'pacts.create': (input, ctx) => createPact(ctx, roleOf(ctx), input),
  'pacts.update': (input, ctx) => updatePact(ctx, roleOf(ctx), input),
  'pacts.get': (input, ctx) => loadPact(ctx.store.db, input.id, roleOf(ctx)),
  'pacts.list': (input, ctx) => listPacts(ctx.store.db, input),
  'pacts.companyOptions': (input, ctx) => companyOptions(ctx.store.db, input),
  'pacts.pdf': (input, ctx) => pactPdf(ctx, input.id),
  'pacts.blankPdf': () => blankPactPdf(),
  'pacts.markPrinted': (input, ctx) => markPrinted(ctx, roleOf(ctx), input.id),
  'pacts.markSigned': (input, ctx) => markSigned(ctx, roleOf(ctx), input),
  'pacts.archive': (input, ctx) => archivePact(ctx, roleOf(ctx), input.id),
  'pacts.cancel': (input, ctx) => cancelPact(ctx, roleOf(ctx), input.id, input.reason),
  'pacts.signedCopy': (input, ctx) => signedCopy(ctx, input.id),
};
