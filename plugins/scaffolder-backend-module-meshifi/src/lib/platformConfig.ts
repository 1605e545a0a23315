import { Config } from '@backstage/config';
import { PlatformConfig } from '@meshifi/common';

/**
 * The platform settings previews are composed with (`meshifi.platform`). They
 * must match the Composition's function input, so that the form shows what
 * Crossplane will create.
 */
export function readPlatformConfig(config: Config): PlatformConfig {
  return {
    project: config.getString('meshifi.platform.project'),
    location: config.getString('meshifi.platform.location'),
  };
}
