import {
  CAPABILITIES_CLUSTER_ROLE,
  capabilitiesClusterRole,
} from '@meshifi/common';
import { promises as fs } from 'fs';
import path from 'path';
import { parseAllDocuments, stringify } from 'yaml';
import { notesCapability } from './__testUtils__/notesCapability';
import { repoRoot } from './testing/paths';

/**
 * deploy/crossplane/capabilities-rbac.yaml is generated from the registered
 * capabilities' rules and checked in, as the XRDs and Compositions are. This
 * test fails when it drifts; run it with MESHIFI_UPDATE_RBAC=true to
 * regenerate.
 */
const target = path.join(
  repoRoot,
  'deploy',
  'crossplane',
  'capabilities-rbac.yaml',
);
const HEADER = [
  '# Generated from the capabilities of @meshifi/common (capabilitiesClusterRole;',
  '# MESHIFI_UPDATE_RBAC=true yarn workspace @meshifi/crossplane-function test capabilitiesRbac): do not edit.',
  '# What Crossplane needs to compose the data product capabilities beyond the',
  "# GCP provider's kinds: aggregated into Crossplane's own ClusterRole by its",
  "# label, as a provider's role is. Apply it with the Configuration package.",
].join('\n');

describe('the checked-in ClusterRole of the capabilities', () => {
  it('matches the registered capabilities', async () => {
    const role = capabilitiesClusterRole();
    if (process.env.MESHIFI_UPDATE_RBAC === 'true') {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(
        target,
        `${HEADER}\n${stringify(role, { lineWidth: 0, singleQuote: true })}`,
      );
    }
    const documents = parseAllDocuments(await fs.readFile(target, 'utf8'));
    expect(documents.map(d => d.toJS())).toEqual([role]);
  });

  it("is aggregated into Crossplane's role, with the capabilities' rules and no others", () => {
    const role = capabilitiesClusterRole([notesCapability]);
    expect(role.metadata).toEqual({
      name: CAPABILITIES_CLUSTER_ROLE,
      labels: {
        'app.kubernetes.io/part-of': 'meshifi',
        'rbac.crossplane.io/aggregate-to-crossplane': 'true',
      },
    });
    expect(role.rules).toEqual(notesCapability.rbac);
    expect(capabilitiesClusterRole([]).rules).toEqual([]);
  });
});
