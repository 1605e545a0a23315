import { Config } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { integrationSettings, RemoteSettings } from './remoteCredentials';

/**
 * The git settings that authenticate to an http(s) repository other than
 * the GitOps one (such as the platform's starter dbt repository) with the
 * backend's Backstage integrations, as GitOpsRepository.fromConfig does for
 * the GitOps repository: the GitHub or GitLab integration of its host, sent
 * as a header. Undefined when no integration has a token for it.
 */
export function remoteSettingsFromConfig(
  config: Config,
  url: string,
): RemoteSettings | undefined {
  return integrationSettings(ScmIntegrations.fromConfig(config), url);
}
