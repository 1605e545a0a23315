import type { ComposedResource } from '../../compose/compose';
import { GCP_KINDS } from '../../compose/gcpKinds';
import { IAM_ROLES } from '../../constants';
import { CapabilityComposeInput } from '../Capability';
import { connectionRequest } from './connectionRequest';
import { FivetranSpec } from './fivetranSchema';
import {
  connectorOf,
  FivetranSettings,
  groupOfProject,
} from './fivetranSettings';

/** The key of the raw dataset's IAM member for Fivetran. */
export const RAW_EDITOR_KEY = 'fivetran-raw-editor';

/** The key of a connection's Request. */
export const connectionKey = (name: string) => `fivetran-connection-${name}`;

/** The name of the raw dataset's IAM member for Fivetran. */
export const rawEditorName = (product: string) => `${product}-raw-fivetran`;

/**
 * What the Fivetran capability composes for a product: write access for the
 * group's service account on the raw dataset (BigQuery Data Editor, as
 * Fivetran's BigQuery destination needs), and one provider-http Request per
 * connection. Throws when the product's project has no Fivetran group or a
 * connection's connector is not offered: `problems` says so first where it
 * can.
 */
export function composeFivetran({
  spec,
  context,
  settings,
}: CapabilityComposeInput<FivetranSpec, FivetranSettings>): ComposedResource[] {
  const group = groupOfProject(settings, context.project);
  if (!group) {
    throw new Error(
      `The platform has no Fivetran group for the GCP project ${context.project}: set groupId and serviceAccountEmail under platform.capabilities.fivetran.projects.${context.project}.`,
    );
  }
  const rawEditor: ComposedResource = {
    key: RAW_EDITOR_KEY,
    role: 'capability',
    layer: 'raw',
    summary: `Fivetran (${group.serviceAccountEmail}) may load the raw dataset ${context.datasets.raw}`,
    resource: {
      ...GCP_KINDS.datasetIamMember,
      metadata: { name: rawEditorName(context.product) },
      spec: {
        forProvider: {
          project: context.project,
          datasetId: context.datasets.raw,
          role: IAM_ROLES.datasetWriter,
          member: `serviceAccount:${group.serviceAccountEmail}`,
        },
        providerConfigRef: { ...context.providerConfigRef },
      },
    },
  };
  const connections = spec.connections.map((connection): ComposedResource => {
    const connector = connectorOf(settings, connection.connector);
    if (!connector) {
      throw new Error(
        `The connector "${connection.connector}" of the Fivetran connection ${connection.name} is not one the platform offers.`,
      );
    }
    return {
      key: connectionKey(connection.name),
      role: 'capability',
      layer: 'raw',
      summary: `Fivetran connection ${connection.name} (${connector.title}) loading ${context.datasets.raw} every ${connection.syncFrequency} minutes`,
      resource: connectionRequest(
        connection,
        {
          group,
          connector,
          namespace: context.namespace,
          rawDataset: context.datasets.raw,
          product: context.product,
        },
        settings,
      ),
    };
  });
  return [rawEditor, ...connections];
}
