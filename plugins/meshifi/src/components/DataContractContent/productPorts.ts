import {
  DEFAULT_NAMESPACE,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ContractColumn,
  DataContract,
  InputPort,
  OutputPort,
  QualityRule,
} from '@meshifi/common';

/*
 * The catalog checks a product's ports only as lists of objects (the
 * manifest's own checks ran before the entity was made), so the page reads
 * them defensively: what is not shaped like a port is left out rather than
 * breaking the page.
 */

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasName = (value: unknown): value is { name: string } =>
  isObject(value) && typeof value.name === 'string';

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function contractOf(value: unknown): DataContract {
  const contract = isObject(value) ? value : {};
  return {
    columns: listOf(contract.columns).filter(hasName) as ContractColumn[],
    primaryKey: listOf(contract.primaryKey).filter(
      (key): key is string => typeof key === 'string',
    ),
    ...(isObject(contract.freshness) &&
    typeof contract.freshness.refreshEvery === 'string'
      ? {
          freshness: {
            refreshEvery: contract.freshness.refreshEvery,
            ...(typeof contract.freshness.maxDelay === 'string'
              ? { maxDelay: contract.freshness.maxDelay }
              : {}),
          },
        }
      : {}),
    quality: listOf(contract.quality).filter(
      rule => isObject(rule) && typeof rule.rule === 'string',
    ) as QualityRule[],
  };
}

/** The tables a DataProduct entity offers, each with its contract. */
export function outputPortsOf(entity: Entity): OutputPort[] {
  return listOf(entity.spec?.outputPorts)
    .filter(hasName)
    .map(port => ({
      name: port.name,
      ...(typeof (port as OutputPort).description === 'string'
        ? { description: (port as OutputPort).description }
        : {}),
      contract: contractOf((port as { contract?: unknown }).contract),
    }));
}

/** The other products' tables a DataProduct entity reads. */
export function inputPortsOf(entity: Entity): InputPort[] {
  return listOf(entity.spec?.inputPorts).filter(
    (port): port is InputPort =>
      isObject(port) &&
      typeof port.product === 'string' &&
      typeof port.port === 'string',
  );
}

/**
 * The catalog entity of the product an input port reads: product names are
 * unique across the mesh, and the catalog keeps products in its default
 * namespace.
 */
export function readProductRef(port: InputPort): string {
  return stringifyEntityRef({
    kind: 'DataProduct',
    namespace: DEFAULT_NAMESPACE,
    name: port.product,
  });
}
