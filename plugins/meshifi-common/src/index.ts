/**
 * The meshifi model, shared by the Backstage plugins and the Crossplane
 * composition function.
 *
 * @packageDocumentation
 */

export * from './constants';
export * from './model/types';
export { CROSSPLANE_ANNOTATIONS, CROSSPLANE_LABELS } from './model/crossplane';
export {
  dataProductManifest,
  dataDomainManifest,
  dataAccessManifest,
} from './model/manifests';
export {
  nameProblem,
  assertValidName,
  PRODUCT_NAME_PATTERN,
  PRODUCT_NAME_MIN_LENGTH,
  PRODUCT_NAME_MAX_LENGTH,
} from './naming/productName';
export { datasetId } from './naming/datasetId';
export {
  serviceAccountId,
  serviceAccountEmail,
  SERVICE_ACCOUNT_ID_MAX_LENGTH,
  SERVICE_ACCOUNT_ID_MIN_LENGTH,
  SERVICE_ACCOUNT_ID_PATTERN,
} from './naming/serviceAccountId';
export { resourceNames } from './naming/resourceName';
export type { MeshifiSchema } from './schema/jsonSchema';
export {
  dataProductSpecSchema,
  dataProductStatusSchema,
} from './schema/dataProductSchema';
export { dataDomainSpecSchema } from './schema/dataDomainSchema';
export {
  dataAccessSpecSchema,
  dataAccessStatusSchema,
} from './schema/dataAccessSchema';
export { dataProductXrd, dataDomainXrd, dataAccessXrd } from './schema/xrd';
export type { Problem, Validated } from './validation/Problem';
export { ValidationError } from './validation/Problem';
export { validateDataProduct } from './validation/validateDataProduct';
export { validateDataDomain } from './validation/validateDataDomain';
export { validateDataAccess } from './validation/validateDataAccess';
export {
  accessEndsAt,
  isCalendarDay,
  accessEndsAtText,
  expiryCondition,
  expiryProblem,
  hasEnded,
  latestExpiry,
  utcDay,
} from './access/accessExpiry';
export type { ExpiryCondition } from './access/accessExpiry';
export {
  accessPolicyOf,
  accessPolicyProblems,
  layerOf,
} from './access/accessPolicy';
export { accessSignalChannel } from './access/accessApi';
export type {
  AccessDeclineInput,
  AccessGrantState,
  AccessGrantView,
  AccessProposal,
  AccessRequest,
  AccessRequestDecision,
  AccessRequestInput,
  ConsumerAccessReport,
  ProductAccessReport,
} from './access/accessApi';
export { composeDataAccess } from './compose/composeDataAccess';
export type {
  DataAccessComposition,
  DataAccessRequest,
} from './compose/composeDataAccess';
export { GCP_KINDS } from './compose/gcpKinds';
export type { ResourceRole } from './compose/gcpKinds';
export {
  KINDS,
  MANAGED_KINDS,
  apiPathOf,
  apiResourceOf,
  apiVersionOf,
  kindOf,
} from './model/kinds';
export type { KindScope, KubernetesKind } from './model/kinds';
export { compose, placementOf } from './compose/compose';
export type { ComposedResource, Placement } from './compose/compose';
export { planDataProduct } from './plan/planDataProduct';
export type {
  DataProductPlanRequest,
  DataProductPlanResponse,
} from './plan/planApi';
export type {
  DataProductAnswers,
  DataProductPlan,
  PlanProblem,
  PlannedDomain,
  PlannedInputs,
  PlannedOwners,
  UnresolvedOwner,
} from './plan/planDataProduct';
export { outputPortFromAnswer } from './plan/outputPortAnswer';
export { capabilitySettingsOf } from './plan/capabilitySettings';
export type { CapabilitySettings } from './plan/capabilitySettings';
export { composeWithCapabilities } from './plan/composeWithCapabilities';
export {
  capabilityAnswersInput,
  capabilityFormPages,
} from './plan/capabilityFormPages';
export type { TemplatePage } from './plan/capabilityFormPages';
export { decodeDataUrl, DATA_URL_MAX_BYTES } from './standards/decodeDataUrl';
export type { UploadedFile } from './standards/decodeDataUrl';
export type { ColumnAnswer, OutputPortAnswer } from './plan/outputPortAnswer';
export { explainProviderFailure } from './explain/explainProviderFailure';
export type { FailureExplanation } from './explain/explainProviderFailure';
export type {
  FailureFixer,
  FailureSubject,
  ProviderFailureId,
} from './explain/providerFailures';
export { eventsThatMatter } from './explain/eventsThatMatter';
export type { EventGroup } from './explain/eventsThatMatter';
export { resourcePurpose } from './explain/resourcePurpose';
export { productHeadline } from './explain/productHeadline';
export type { ProductHeadline } from './explain/productHeadline';
export type { PurposeSubject } from './explain/resourcePurpose';
export type { KubernetesEvent } from './model/kubernetesEvent';
export { buildProvisioningReport } from './status/buildProvisioningReport';
export type { ProvisioningReportInput } from './status/buildProvisioningReport';
export { recentEvents, EVENT_LIMIT } from './status/recentEvents';
export {
  composedResourcesOf,
  composingXrOf,
  resourceRefsOf,
} from './status/composedResources';
export type { ResourceRef } from './status/composedResources';
export { STATE_LABELS } from './status/stateLabels';
export {
  gitopsApplyOf,
  gitopsProductOf,
  GITOPS_APPLY_REASON_MAX_LENGTH,
} from './status/gitopsApply';
export type { GitopsApply, GitopsProduct } from './status/gitopsApply';
export { gitopsApplySentence } from './status/gitopsApplySentence';
export {
  namespaceOfProductsOf,
  NO_DOMAIN_NAMESPACE,
  productsOfNamespace,
} from './status/productsOf';
export { deriveStatus } from './status/deriveStatus';
export type { ProductStatus } from './status/deriveStatus';
export { describeResource } from './status/describeResource';
export { pendingResource } from './status/pendingResource';
export { productState } from './status/productState';
export type { ProductVerdict } from './status/productState';
export {
  conditionOf,
  conditionsOf,
  failingCondition,
  isReady,
} from './status/conditions';
export type {
  ClusterState,
  PendingResource,
  ProductState,
  ProvisionedResource,
  ProvisioningEvent,
  ProvisioningReport,
  ProvisioningState,
  ResourceDetails,
  ResourceProblem,
} from './status/provisioningReport';
export {
  productXrOf,
  productFilesSignalChannel,
  provisioningSignalChannel,
} from './status/provisioningSignal';
export type {
  ProductXr,
  ProvisioningSignal,
} from './status/provisioningSignal';
export { PRODUCT_STATES_MAX_REFS } from './status/productStates';
export type {
  ProductStateSummary,
  ProductStatesResponse,
} from './status/productStates';
export {
  MESHIFI_ANNOTATIONS,
  CATALOG_API_VERSION,
  RESOURCE_TYPES,
  API_TYPES,
} from './catalog/annotations';
export {
  dataProductEntitySchema,
  dataProductManifestOf,
} from './catalog/dataProductEntity';
export {
  RELATION_CONSUMES_DATA,
  RELATION_DATA_CONSUMED_BY,
} from './catalog/relations';
export type { DataProductEntity } from './catalog/dataProductEntity';
export {
  gitopsPath,
  isGitopsManifestPath,
  isGrantPath,
  isInMeshifiFolder,
  MESHIFI_FOLDERS,
} from './gitops/paths';
export {
  readGitopsFile,
  inspectGitopsFile,
  printablePath,
  printableLine,
  hasControlCharacter,
} from './gitops/readGitopsFile';
export type {
  GitopsFile,
  GitopsFileProblem,
  GitopsFileRule,
  GitopsManifest,
  InspectedGitopsFile,
} from './gitops/readGitopsFile';
export { domainProductsIgnore } from './gitops/domainProductsIgnore';
export { gitopsYaml } from './gitops/gitopsYaml';
export { lineOfField } from './gitops/lineOfField';
export { GITOPS_FILE_LIMITS, fileSizeProblem } from './gitops/gitopsFileLimits';
export {
  publishConflict,
  domainConflict,
  ProductIndex,
} from './gitops/publishConflict';
export type { RepositoryContent } from './gitops/publishConflict';
export {
  RESERVED_NAMESPACES,
  reservedNameProblem,
} from './naming/reservedNames';
export { digest } from './naming/digest';
export {
  parseOwner,
  formatOwner,
  iamMemberOf,
  iamMemberOfPrincipal,
  describeOwner,
  iamMemberName,
  describeIamMember,
} from './model/owners';
export type { IamPrincipal, Owner } from './model/owners';
export {
  meshifiDomainCreatePermission,
  meshifiDataProductCreatePermission,
  meshifiAccessApprovePermission,
  meshifiPermissions,
} from './tenancy/permissions';
export { notInDomainTeamMessage } from './tenancy/messages';
export { shortHash } from './naming/hash';
export {
  bigQueryConsoleUrl,
  serviceAccountConsoleUrl,
} from './links/consoleUrls';
export { grantNameOf } from './access/grantName';
export {
  accessGrantView,
  dayInWords,
  EXPIRING_WITHIN_DAYS,
} from './access/accessGrantView';
export type { AccessGrantSources } from './access/accessGrantView';
export {
  BIGQUERY_COLUMN_TYPES,
  BIGQUERY_COLUMN_TYPE_WORDS,
  COLUMN_MODES,
} from './contract/bigQueryTypes';
export type { BigQueryColumnType, ColumnMode } from './contract/bigQueryTypes';
export { breakingChanges } from './contract/breakingChanges';
export type { BreakingChange } from './contract/breakingChanges';
export {
  contractSnapshotOf,
  versionRuleProblems,
} from './contract/versionRule';
export type { ContractSnapshot } from './contract/versionRule';
export { changesBigQueryCannotMake } from './contract/inPlaceChanges';
export {
  PRODUCT_STATUSES,
  DEFAULT_PRODUCT_STATUS,
  productStatusOf,
} from './lifecycle/productStatus';
export type { ProductLifecycleStatus } from './lifecycle/productStatus';
export { retiredAccessProblem } from './lifecycle/retiredAccess';
export { meshProblems } from './lineage/meshProblems';
export { contractProblems } from './validation/contractProblems';
export { outputPortEntityName } from './naming/outputPortEntityName';
export {
  PORT_NAME_PATTERN,
  PORT_NAME_MAX_LENGTH,
  COLUMN_NAME_PATTERN,
  DURATION_PATTERN,
} from './schema/portsSchema';
export {
  odcsContractIdOf,
  odcsContractOf,
  odcsYamlOf,
  ODCS_API_VERSION,
} from './standards/odcsContract';
export type {
  OdcsContract,
  OdcsProperty,
  OdcsQualityCheck,
  OdcsSchemaObject,
  OdcsSlaProperty,
} from './standards/odcsDocument';
export {
  odpsProductOf,
  odpsYamlOf,
  ODPS_API_VERSION,
} from './standards/odpsProduct';
export type { OdpsProduct } from './standards/odpsProduct';
export { outputPortFromOdcs } from './standards/importOdcsContract';
export type { ImportedOdcsContract } from './standards/importOdcsContract';
export type {
  Capability,
  CapabilityCard,
  CapabilityComposeInput,
  CapabilityFact,
  CapabilityFormPage,
  CapabilityState,
  CapabilityStatusInput,
  PolicyRule,
  ProductContext,
} from './capabilities/Capability';
export { CAPABILITIES, capabilityNamed } from './capabilities/registry';
export {
  capabilitiesSpecSchema,
  capabilitiesStatusSchema,
} from './capabilities/capabilitiesSchema';
export {
  capabilitiesOf,
  capabilityProblems,
  composeCapability,
} from './capabilities/productCapabilities';
export {
  CAPABILITIES_CLUSTER_ROLE,
  capabilitiesClusterRole,
} from './capabilities/capabilitiesRbac';
export {
  DEFAULT_PROVIDER_CONFIG,
  PRODUCT_CONTEXT_KEY,
  productContextFrom,
  productContextOf,
} from './capabilities/productContext';
