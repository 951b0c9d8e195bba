import type { assessmentsContract } from '../contract/assessments';
import { createAssessment, currentTemplate, readAssessment, saveTemplate, templateVersions } from '../services/assessments/assessments';
import type { AreaHandlers } from './handlers';

export const assessmentsHandlers: AreaHandlers<keyof typeof assessmentsContract> = {
  'assessments.template': currentTemplate,
  'assessments.templateVersions': templateVersions,
  'assessments.saveTemplate': saveTemplate,
  'assessments.create': createAssessment,
  'assessments.get': readAssessment,
};
