import { EntitySwitch, isKind } from '@backstage/plugin-catalog';
import {
  Direction,
  EntityCatalogGraphCard,
} from '@backstage/plugin-catalog-graph';
import { dataProductLineageGraph } from '@meshifi/plugin-meshifi';
import { ReactNode } from 'react';

/**
 * On a data product's page, the catalog graph as its lineage: what it reads,
 * what it offers, and who reads it, from left to right. On every other
 * page, the relations card as configured.
 */
export function RelationsOrLineage(props: { relations: ReactNode }) {
  return (
    <EntitySwitch>
      <EntitySwitch.Case if={isKind('dataproduct')}>
        <EntityCatalogGraphCard
          {...dataProductLineageGraph}
          direction={Direction.LEFT_RIGHT}
        />
      </EntitySwitch.Case>
      <EntitySwitch.Case>{props.relations}</EntitySwitch.Case>
    </EntitySwitch>
  );
}
