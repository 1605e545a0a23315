/**
 * The relation pair between a data product and who may read it, from the
 * product's access grants (DataAccess) whose last day has not ended: the
 * consumer (a user, a group, or another data product, as the grant's
 * spec.consumer.entityRef names it) consumes data of the product, and the
 * product's data is consumed by the consumer. Backstage's own pairs (ownedBy/ownerOf, partOf/hasPart) say
 * nothing of access, so meshifi defines its own, both directions emitted
 * together as Backstage emits its pairs.
 */

/** From a consumer to a data product it may read: `user:default/ana consumesData dataproduct:default/orders`. */
export const RELATION_CONSUMES_DATA = 'consumesData';

/** From a data product to a consumer that may read it: the reverse of {@link RELATION_CONSUMES_DATA}. */
export const RELATION_DATA_CONSUMED_BY = 'dataConsumedBy';
