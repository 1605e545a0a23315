import { EntitySwitch, isKind } from '@backstage/plugin-catalog';
import {
  Direction,
  EntityCatalogGraphCard,
} from '@backstage/plugin-catalog-graph';
import { dataProductLineageGraph } from '@meshifi/plugin-meshifi';
import Box from '@material-ui/core/Box';
import { ReactNode } from 'react';

/**
 * On a data product's page, the relations card as configured (what the
 * product is made of: its datasets, domain and owner) and, below it, the
 * catalog graph as the product's lineage: what it reads, what it offers,
 * and who reads it, from left to right. On every other page, the relations
 * card alone.
 */
export function RelationsOrLineage(props: { relations: ReactNode }) {
  return (
    <EntitySwitch>
      <EntitySwitch.Case if={isKind('dataproduct')}>
        <Box display="flex" flexDirection="column" gridGap={24}>
          {props.relations}
          <EntityCatalogGraphCard
            {...dataProductLineageGraph}
            direction={Direction.LEFT_RIGHT}
          />
        </Box>
      </EntitySwitch.Case>
      <EntitySwitch.Case>{props.relations}</EntitySwitch.Case>
    </EntitySwitch>
  );
}
