import type { dashboardContract } from '../contract/dashboard';
import { dashboardCounts } from '../services/dashboard/dashboard';
import type { AreaHandlers } from './handlers';

export const dashboardHandlers: AreaHandlers<keyof typeof dashboardContract> = {
  'dashboard.counts': dashboardCounts,
};
