import { AppError } from '../contract/errors';
import type { casesContract } from '../contract/cases';
import type { Role } from '../contract/roles';
import { createAssessment, currentTemplate, loadAssessment, saveTemplate, templateVersions } from '../services/assessments/assessments';
import { createCase, recordNoShow, transitionCase, updateCase } from '../services/cases/cases';
import type { AreaHandlers, CallContext } from './handlers';

function roleOf(ctx: CallContext): Role {
  if (!ctx.user) throw new AppError('UNAUTHENTICATED', 'Sessione scaduta o non valida: accedere di nuovo');
  return ctx.user.role;
}

export const casesHandlers: AreaHandlers<keyof typeof casesContract> = {
  'cases.create': (input, ctx) => createCase(ctx, input),
  'cases.update': (input, ctx) => updateCase(ctx, input),
  'cases.transition': (input, ctx) => transitionCase(ctx, roleOf(ctx), input),
  'cases.recordNoShow': (input, ctx) => recordNoShow(ctx, input),
  'assessments.template': (_input, ctx) => currentTemplate(ctx),
  'assessments.templateVersions': (_input, ctx) => templateVersions(ctx.store),
  'assessments.saveTemplate': (input, ctx) => saveTemplate(ctx, input),
  'assessments.create': (input, ctx) => createAssessment(ctx, roleOf(ctx), input),
  'assessments.get': (input, ctx) => loadAssessment(ctx.store.db, input.id, roleOf(ctx)),
};
