import { authContract } from './auth';
import { dashboardContract } from './dashboard';
import { systemContract } from './system';
import { systemDatabaseContract } from './systemDatabase';
import { peopleContract } from './people';
import { casesContract } from './cases';
import { assessmentsContract } from './assessments';
import { companiesContract } from './companies';
import { pathsContract } from './paths';
import { matchingContract } from './matching';
import { pactsContract } from './pacts';
import { budgetContract } from './budget';
import { reportsContract } from './reports';
import { jobsContract } from './jobs';
import type { InputOf, OutputOf } from './define';

/** The whole API: every method of every area, declared once. */
export const contract = {
  ...authContract,
  ...dashboardContract,
  ...systemContract,
  ...systemDatabaseContract,
  ...peopleContract,
  ...casesContract,
  ...assessmentsContract,
  ...companiesContract,
  ...pathsContract,
  ...matchingContract,
  ...pactsContract,
  ...budgetContract,
  ...reportsContract,
  ...jobsContract,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Input<M extends MethodName> = InputOf<Contract[M]>;
export type Output<M extends MethodName> = OutputOf<Contract[M]>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}
