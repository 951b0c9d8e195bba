import type { budgetContract } from '../contract/budget';
import type { AreaHandlers } from './handlers';

export const budgetHandlers: AreaHandlers<keyof typeof budgetContract> = {};
