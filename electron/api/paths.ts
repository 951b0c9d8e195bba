import type { pathsContract } from '../contract/paths';
import type { AreaHandlers } from './handlers';

export const pathsHandlers: AreaHandlers<keyof typeof pathsContract> = {};
