import type { pactsContract } from '../contract/pacts';
import type { AreaHandlers } from './handlers';

export const pactsHandlers: AreaHandlers<keyof typeof pactsContract> = {};
