import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * The Kubernetes plugin's auth providers meshifi can use for its watches.
 * Per-user strategies (google, oidc, ...) cannot back a cache shared by all
 * users, so only the backend's own identity counts.
 */
export const SUPPORTED_AUTH_PROVIDERS = [
  'serviceAccount',
  'localKubectlProxy',
] as const;

export type SupportedAuthProvider = (typeof SUPPORTED_AUTH_PROVIDERS)[number];

/** One cluster meshifi watches, as `kubernetes.clusterLocatorMethods` names it. */
export interface ClusterConfig {
  name: string;
  url: string;
  authProvider: SupportedAuthProvider;
  /** A service account token; without one the in-cluster token is used. */
  serviceAccountToken?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
}

const isSupported = (value: string): value is SupportedAuthProvider =>
  (SUPPORTED_AUTH_PROVIDERS as readonly string[]).includes(value);

/**
 * The clusters of the Kubernetes plugin's `config` cluster locators, so that
 * a platform engineer configures a cluster once for both plugins. Clusters
 * with an auth provider meshifi cannot use are skipped with a warning that
 * says what to change.
 */
export function readClusterConfigs(
  config: Config,
  logger: LoggerService,
): ClusterConfig[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  return methods
    .filter(method => method.getString('type') === 'config')
    .flatMap(method => method.getOptionalConfigArray('clusters') ?? [])
    .flatMap(cluster => {
      const name = cluster.getString('name');
      const authProvider =
        cluster.getOptionalString('authProvider') ?? 'serviceAccount';
      if (!isSupported(authProvider)) {
        logger.warn(
          `meshifi does not watch the cluster "${name}": its authProvider "${authProvider}" acts for each user, and meshifi's status cache needs the backend's own identity. Use ${SUPPORTED_AUTH_PROVIDERS.join(
            ' or ',
          )} for this cluster.`,
        );
        return [];
      }
      return [
        {
          name,
          url: cluster.getString('url'),
          authProvider,
          serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
          caData: cluster.getOptionalString('caData'),
          caFile: cluster.getOptionalString('caFile'),
          skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
        },
      ];
    });
}
