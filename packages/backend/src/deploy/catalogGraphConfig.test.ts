/*
 * app-config.yaml's catalog graph card, read with Backstage's own config
 * loader: it draws every relation Backstage's card draws by default, and
 * meshifi's pair between a data product and who may read it, as
 * @meshifi/common names them. The card draws only the relations it is
 * given, so a relation left out of the list is silently missing from it.
 */
import path from 'node:path';
import {
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CHILD_OF,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_MEMBER,
  RELATION_HAS_PART,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PARENT_OF,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
} from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  RELATION_CONSUMES_DATA,
  RELATION_DATA_CONSUMED_BY,
} from '@meshifi/common';
import { readConfigWithEnvironment } from './__testUtils__/configEnvironment';

const root = path.resolve(__dirname, '../../../..');
const CARD = 'entity-card:catalog-graph/relations';

/** The pairs @backstage/plugin-catalog-graph merges by default (ALL_RELATION_PAIRS). */
const BACKSTAGE_PAIRS: Array<[string, string]> = [
  [RELATION_OWNER_OF, RELATION_OWNED_BY],
  [RELATION_CONSUMES_API, RELATION_API_CONSUMED_BY],
  [RELATION_API_PROVIDED_BY, RELATION_PROVIDES_API],
  [RELATION_HAS_PART, RELATION_PART_OF],
  [RELATION_PARENT_OF, RELATION_CHILD_OF],
  [RELATION_HAS_MEMBER, RELATION_MEMBER_OF],
  [RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF],
];
const MESHIFI_PAIR: [string, string] = [
  RELATION_CONSUMES_DATA,
  RELATION_DATA_CONSUMED_BY,
];

interface CardConfig {
  relations: string[];
  relationPairs: Array<[string, string]>;
}

/**
 * The card's config in app-config.yaml, as the app reads `app.extensions`:
 * entries keyed by extension id, which is no config key (it has `:` and `/`),
 * so the list is read as plain data.
 */
async function cardConfig(): Promise<CardConfig> {
  const { data } = await readConfigWithEnvironment(
    path.join(root, 'app-config.yaml'),
    {},
  );
  const extensions = new ConfigReader(data).getOptional<
    Array<Record<string, { config?: CardConfig }>>
  >('app.extensions');
  const card = extensions?.find(entry => CARD in entry)?.[CARD]?.config;
  if (!card) {
    throw new Error(`app-config.yaml configures no ${CARD}`);
  }
  return card;
}

describe("the catalog graph card's relations", () => {
  it("draws Backstage's relations and meshifi's consumesData and dataConsumedBy, each once", async () => {
    const { relations } = await cardConfig();
    expect([...relations].sort()).toEqual(
      [...BACKSTAGE_PAIRS.flat(), ...MESHIFI_PAIR].sort(),
    );
  });

  it("merges Backstage's pairs and meshifi's, the consumer's side first", async () => {
    const { relationPairs } = await cardConfig();
    expect(relationPairs).toEqual([...BACKSTAGE_PAIRS, MESHIFI_PAIR]);
  });
});
