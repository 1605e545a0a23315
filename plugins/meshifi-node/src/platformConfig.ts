import { Config } from '@backstage/config';
import { PlatformConfig } from '@meshifi/common';

/**
 * The platform settings (`meshifi.platform`) meshifi composes with outside
 * Crossplane: the Create page's preview and the status page's expected
 * resources. They must match the Composition's function input, so that both
 * show what Crossplane will create.
 */
export function readPlatformConfig(config: Config): PlatformConfig {
  return {
    project: config.getString('meshifi.platform.project'),
    location: config.getString('meshifi.platform.location'),
  };
}
