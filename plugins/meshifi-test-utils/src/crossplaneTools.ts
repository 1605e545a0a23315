import { execFileSync } from 'child_process';
import { repositoryRoot } from './repositoryRoot';

/** Paths of the real Crossplane tools the tests use. */
export interface CrossplaneTools {
  crossplane: string;
  functionAutoReady: string;
  gcpCrds: string;
  crossplaneCrds: string;
  /** Flags that keep `crossplane beta validate` offline (see crossplane-tools.sh). */
  validateFlags: string[];
}

/**
 * Builds (once, into the meshifi cache folder outside the repository) and
 * returns the real `crossplane` CLI, function-auto-ready and the GCP
 * provider's CRDs, with the same script `./meshifi test` uses.
 */
export function crossplaneTools(): CrossplaneTools {
  const script = [
    'set -e',
    `export MESHIFI_ROOT=${JSON.stringify(repositoryRoot())}`,
    'source "$MESHIFI_ROOT/scripts/lib/node.sh"',
    'source "$MESHIFI_ROOT/scripts/lib/crossplane-tools.sh"',
    'ensure_crossplane_cli >&2',
    'ensure_function_auto_ready >&2',
    'ensure_gcp_provider_crds >&2',
    'ensure_crossplane_crds >&2',
    'printf "%s\\n" "$CROSSPLANE_BIN" "$FUNCTION_AUTO_READY_BIN" "$GCP_CRDS_DIR" "$CROSSPLANE_CRDS_DIR" "$CROSSPLANE_VALIDATE_CACHE_DIR" "$CROSSPLANE_VALIDATE_IMAGE"',
  ].join('\n');
  const output = execFileSync('bash', ['-c', script], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [crossplane, functionAutoReady, gcpCrds, crossplaneCrds, cache, image] =
    output.trim().split('\n');
  return {
    crossplane,
    functionAutoReady,
    gcpCrds,
    crossplaneCrds,
    validateFlags: [`--cache-dir=${cache}`, `--crossplane-image=${image}`],
  };
}
