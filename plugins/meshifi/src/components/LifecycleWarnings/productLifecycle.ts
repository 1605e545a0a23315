import { Entity } from '@backstage/catalog-model';
import {
  DEFAULT_PRODUCT_STATUS,
  Deprecation,
  PRODUCT_STATUSES,
  ProductLifecycleStatus,
} from '@meshifi/common';
import { inputPortsOf } from '../DataContractContent/productPorts';

/** Where a product is in its life, as its catalog entity says. */
export interface ProductLifecycle {
  status: ProductLifecycleStatus;
  deprecation?: Deprecation;
}

const isString = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0;

/**
 * A DataProduct entity's status and deprecation, read defensively (the
 * catalog checks them only as a string and an object): an unknown status
 * is taken as `active`, as a manifest that names none is.
 */
export function lifecycleOf(entity: Entity): ProductLifecycle {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const status = (PRODUCT_STATUSES as readonly unknown[]).includes(spec.status)
    ? (spec.status as ProductLifecycleStatus)
    : DEFAULT_PRODUCT_STATUS;
  const given = spec.deprecation as Record<string, unknown> | undefined;
  if (typeof given !== 'object' || given === null || !isString(given.date)) {
    return { status };
  }
  return {
    status,
    deprecation: {
      date: given.date,
      ...(isString(given.replacedBy) ? { replacedBy: given.replacedBy } : {}),
      ...(isString(given.reason) ? { reason: given.reason } : {}),
    },
  };
}

/**
 * Whether a product's page may have a warning of its life to show: its own
 * status is not simply active, or it reads other products, which may be
 * going away (only their entities tell).
 */
export function mayHaveLifecycleWarnings(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'dataproduct' &&
    (lifecycleOf(entity).status !== 'active' || inputPortsOf(entity).length > 0)
  );
}
