import { IconBuildingFactory2, IconCash, IconFileCertificate, IconGauge, IconReportAnalytics, IconRoute, IconSettings, IconUsers } from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { BUDGET_READERS, type Role } from '../../../electron/contract/roles';

/** The app's sections, in the order of the side menu; `key` is the Alt+key shortcut. */
export interface Section {
  path: string;
  label: string;
  icon: ComponentType<{ size?: number; stroke?: number }>;
  key: string;
  /** Only these roles see the section (default: everyone). */
  roles?: readonly Role[];
}

export const SECTIONS: Section[] = [
  { path: '/', label: 'Cruscotto', icon: IconGauge, key: '1' },
  { path: '/persone', label: 'Persone', icon: IconUsers, key: '2' },
  { path: '/aziende', label: 'Aziende', icon: IconBuildingFactory2, key: '3' },
  { path: '/percorsi', label: 'Percorsi', icon: IconRoute, key: '4' },
  { path: '/patti', label: 'Patti', icon: IconFileCertificate, key: '5' },
  { path: '/bilancio', label: 'Bilancio', icon: IconCash, key: '6', roles: BUDGET_READERS },
  { path: '/report', label: 'Report', icon: IconReportAnalytics, key: '7' },
  { path: '/impostazioni', label: 'Impostazioni', icon: IconSettings, key: '8' },
];

export function sectionsFor(role: Role): Section[] {
  return SECTIONS.filter((s) => !s.roles || s.roles.includes(role));
}
