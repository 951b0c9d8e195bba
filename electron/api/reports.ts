import type { reportsContract } from '../contract/reports';
import type { AreaHandlers } from './handlers';

export const reportsHandlers: AreaHandlers<keyof typeof reportsContract> = {};
