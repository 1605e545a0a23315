import { FileConfigSource } from '@backstage/config-loader';
import { JsonObject, JsonValue } from '@backstage/config';

/**
 * Reads a config file as the backend does, with Backstage's own
 * substitution of `${VAR}` and `${VAR:-fallback}`, from the given
 * environment instead of the process's. Says which variables it asked for.
 */
export async function readConfigWithEnvironment(
  path: string,
  environment: Record<string, string>,
): Promise<{ data: JsonObject; asked: Set<string> }> {
  const asked = new Set<string>();
  const source = FileConfigSource.create({
    path,
    watch: false,
    substitutionFunc: async name => {
      asked.add(name);
      return environment[name];
    },
  });
  for await (const { configs } of source.readConfigData()) {
    return { data: configs[0]?.data ?? {}, asked };
  }
  throw new Error(`${path} gave no config`);
}

/**
 * The config keys (dotted paths) present in `full` that `partial` lacks: what
 * an environment without some variables leaves out of the config.
 */
export function missingKeys(
  full: JsonValue | undefined,
  partial: JsonValue | undefined,
  prefix = '',
): string[] {
  if (full === null || typeof full !== 'object') {
    return partial === undefined ? [prefix] : [];
  }
  if (partial === null || typeof partial !== 'object') {
    return [prefix];
  }
  return Object.entries(full).flatMap(([key, value]) =>
    missingKeys(
      value,
      (partial as Record<string, JsonValue | undefined>)[key],
      prefix ? `${prefix}.${key}` : key,
    ),
  );
}
