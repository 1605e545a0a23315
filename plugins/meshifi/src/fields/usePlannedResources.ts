import { useApi } from '@backstage/core-plugin-api';
import {
  CAPABILITIES,
  DataProductPlanResponse,
  OutputPortAnswer,
} from '@meshifi/common';
import useAsync from 'react-use/esm/useAsync';
import { meshifiApiRef } from '../api';
import { contractOfForm } from './contractOfForm';

/** What the form has gathered so far. */
export interface DataProductFormData {
  name?: string;
  title?: string;
  domain?: string;
  owners?: string[];
  location?: string;
  version?: string;
  /** The optional Output table step's table. */
  outputPort?: OutputPortAnswer;
  /** The tables of other products it reads: API entity refs. */
  inputPorts?: string[];
  /** A data contract file (ODCS) as a data URL, whose table the product offers. */
  contract?: string;
  /** The capability pages' answers, each under its capability's name (dbt, fivetran). */
  [capability: string]: unknown;
}

/** The answers of the capability pages the form has, by capability name. */
function capabilityAnswers(data: DataProductFormData) {
  return Object.fromEntries(
    CAPABILITIES.filter(({ name }) => data[name] !== undefined).map(
      ({ name }) => [name, data[name]],
    ),
  );
}

/** The plan, and why the form's data contract file could not be read. */
export type PlannedForForm = DataProductPlanResponse & {
  contractProblems: string[];
};

/**
 * The plan of the answers so far, from the backend: the domain's project,
 * the owners' emails and the resources, resolved from the catalog exactly as
 * the create action resolves them, and whether the user may create the
 * product in the domain.
 */
export function usePlannedResources(data: DataProductFormData) {
  const meshifiApi = useApi(meshifiApiRef);
  return useAsync(async (): Promise<PlannedForForm> => {
    const contract = contractOfForm(data.contract);
    const capabilities = capabilityAnswers(data);
    const response = await meshifiApi.plan({
      name: data.name ?? '',
      owners: data.owners ?? [],
      ...(data.version ? { version: data.version } : {}),
      ...(data.title ? { title: data.title } : {}),
      ...(data.domain ? { domain: data.domain } : {}),
      ...(data.location ? { location: data.location } : {}),
      ...(data.outputPort ? { outputPort: data.outputPort } : {}),
      ...(data.inputPorts?.length ? { inputPorts: data.inputPorts } : {}),
      ...(contract.outputPorts.length
        ? { outputPorts: contract.outputPorts }
        : {}),
      ...(Object.keys(capabilities).length ? { capabilities } : {}),
    });
    return { ...response, contractProblems: contract.problems };
  }, [meshifiApi, JSON.stringify(data)]);
}
