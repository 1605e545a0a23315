import {
  CatalogProcessorParser,
  parseEntityYaml,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ConversionOptions,
  invalidManifestEntity,
  isMeshifiManifest,
  manifestToEntities,
} from './manifestToEntities';

/**
 * The catalog's YAML parser, extended so that a location may hold meshifi
 * DataProduct and DataDomain manifests themselves: each becomes its catalog
 * entities, and an invalid one an entity that fails processing with the
 * reason, so that the other documents of the location keep flowing. Every other
 * document is parsed as usual.
 */
export function createMeshifiEntityDataParser(
  options: ConversionOptions,
): CatalogProcessorParser {
  return async function* meshifiEntityDataParser({ data, location }) {
    for (const result of parseEntityYaml(data, location)) {
      if (result.type !== 'entity' || !isMeshifiManifest(result.entity)) {
        yield result;
        continue;
      }
      const converted = manifestToEntities(result.entity, options);
      if (!converted.ok) {
        const source = `${result.entity.kind} "${result.entity.metadata?.name}" in ${location.target}`;
        yield processingResult.entity(
          location,
          invalidManifestEntity(source, `${source}: ${converted.message}`, {}),
        );
        continue;
      }
      for (const entity of converted.entities) {
        yield processingResult.entity(location, entity);
      }
    }
  };
}
