import { Capability } from '../Capability';
import { composeFivetran } from './composeFivetran';
import { fivetranCard } from './fivetranCard';
import { fivetranFormPage, fivetranFromAnswers } from './fivetranForm';
import { fivetranProblems } from './fivetranProblems';
import { FivetranSpec, fivetranSchema } from './fivetranSchema';
import {
  FivetranSettings,
  PACKAGED_FIVETRAN_SETTINGS,
  readFivetranSettings,
} from './fivetranSettings';
import { fivetranStatus, fivetranStatusSchema } from './fivetranStatus';

/**
 * Fivetran connections that load sources into a product's raw dataset. No
 * Crossplane provider manages Fivetran, so each connection is a
 * provider-http Request against Fivetran's REST API; a generated provider
 * could replace them behind this interface. See README.md.
 */
export const fivetranCapability: Capability<FivetranSpec, FivetranSettings> = {
  name: 'fivetran',
  title: 'Fivetran connections',
  description:
    "Fivetran connections that load sources into the product's raw dataset on a schedule.",
  schema: fivetranSchema,
  statusSchema: fivetranStatusSchema,
  settings: readFivetranSettings,
  packagedSettings: PACKAGED_FIVETRAN_SETTINGS,
  problems: ({ spec, settings }) => fivetranProblems(spec, settings),
  compose: composeFivetran,
  status: fivetranStatus,
  rbac: [
    {
      apiGroups: ['http.m.crossplane.io'],
      resources: ['requests'],
      verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'],
    },
  ],
  form: { page: fivetranFormPage, fromAnswers: fivetranFromAnswers },
  card: fivetranCard,
};

export type { FivetranConnection, FivetranSpec } from './fivetranSchema';
export type { FivetranSettings } from './fivetranSettings';
export type { FivetranStatus } from './fivetranStatus';
