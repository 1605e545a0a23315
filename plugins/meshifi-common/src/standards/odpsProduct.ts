import { gitopsYaml } from '../gitops/gitopsYaml';
import { productStatusOf } from '../lifecycle/productStatus';
import { DataProduct } from '../model/types';
import { deprecationInWords } from './deprecationInWords';
import { odcsContractIdOf } from './odcsContract';
import { StandardTeam, teamOf } from './teamOf';

/** The ODPS version meshifi writes. */
export const ODPS_API_VERSION = 'v1.0.0';

/**
 * The version an input port names when the product it reads is not known:
 * meshifi's input ports read a port as its product serves it now.
 */
export const LATEST_VERSION = 'latest';

/**
 * The part of an Open Data Product Standard v1.0.0 document meshifi writes.
 * The standard's own JSON Schema is the reference; these types name only
 * the fields meshifi fills in.
 */
export interface OdpsProduct {
  apiVersion: 'v1.0.0';
  kind: 'DataProduct';
  id: string;
  name: string;
  version: string;
  status: string;
  domain?: string;
  description?: { purpose?: string; limitations?: string };
  inputPorts?: Array<{ name: string; version: string; contractId: string }>;
  outputPorts?: Array<{
    name: string;
    description?: string;
    type: 'table';
    version: string;
    contractId: string;
  }>;
  team: StandardTeam;
  customProperties?: Array<{ property: string; value: string }>;
}

/**
 * A data product as an Open Data Product Standard v1.0.0 document: its
 * output ports each name their ODCS contract (see {@link odcsContractOf}),
 * its input ports the contract of the port they read.
 *
 * `versionOf` gives the version of a product this one reads, when the
 * caller knows it (the catalog does); otherwise an input port names
 * {@link LATEST_VERSION}.
 */
export function odpsProductOf(
  product: DataProduct,
  options: { versionOf?: (product: string) => string | undefined } = {},
): OdpsProduct {
  const { spec } = product;
  const purpose = spec.info.description;
  const limitations = deprecationInWords(product);
  return {
    apiVersion: ODPS_API_VERSION,
    kind: 'DataProduct',
    id: spec.info.name,
    name: spec.info.name,
    version: spec.info.version,
    status: productStatusOf(product),
    ...(spec.domain ? { domain: spec.domain } : {}),
    ...(purpose || limitations
      ? {
          description: {
            ...(purpose ? { purpose } : {}),
            ...(limitations ? { limitations } : {}),
          },
        }
      : {}),
    ...(spec.inputPorts?.length
      ? {
          inputPorts: spec.inputPorts.map(input => ({
            name: `${input.product}.${input.port}`,
            version: options.versionOf?.(input.product) ?? LATEST_VERSION,
            contractId: odcsContractIdOf(input.product, input.port),
          })),
        }
      : {}),
    ...(spec.outputPorts?.length
      ? {
          outputPorts: spec.outputPorts.map(port => ({
            name: port.name,
            ...(port.description ? { description: port.description } : {}),
            type: 'table' as const,
            version: spec.info.version,
            contractId: odcsContractIdOf(spec.info.name, port.name),
          })),
        }
      : {}),
    team: teamOf(product),
    ...(spec.info.title
      ? { customProperties: [{ property: 'title', value: spec.info.title }] }
      : {}),
  };
}

/** {@link odpsProductOf} as YAML. */
export function odpsYamlOf(
  product: DataProduct,
  options: { versionOf?: (product: string) => string | undefined } = {},
): string {
  return gitopsYaml(odpsProductOf(product, options));
}
