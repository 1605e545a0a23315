import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DataProductPlanRequest,
  DataProductPlanResponse,
  meshifiDataProductCreatePermission,
  notInDomainTeamMessage,
  PlanProblem,
} from '@meshifi/common';
import { CatalogPlanResolver } from '@meshifi/node';
import express from 'express';
import Router from 'express-promise-router';
import {
  parseInputPortRefs,
  parseOutputPortAnswer,
  parseOutputPorts,
} from './parsePortAnswers';

/** More owners than any team picks: a bound on the catalog look-ups one request makes. */
export const PLAN_MAX_OWNERS = 50;

const TEXT_FIELDS = [
  'name',
  'version',
  'title',
  'description',
  'location',
  'domain',
] as const;

/**
 * The answers a request carries, or an InputError saying what to send.
 * Only the types are checked here: what is wrong with the values is the
 * plan's to say, in the form's words.
 */
export function parsePlanRequest(body: unknown): DataProductPlanRequest {
  const shape =
    'Send the answers as JSON: {"name": "customer-orders", "domain": "domain:default/sales", "owners": ["user:default/ana"]}, with title, description, version and location optional.';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError(shape);
  }
  const fields = body as Record<string, unknown>;
  const wrong = TEXT_FIELDS.filter(
    key => fields[key] !== undefined && typeof fields[key] !== 'string',
  );
  if (typeof fields.name !== 'string') {
    throw new InputError(`Give the product's name. ${shape}`);
  }
  if (wrong.length > 0) {
    throw new InputError(`${wrong.join(', ')} must be text. ${shape}`);
  }
  const owners = fields.owners ?? [];
  if (!Array.isArray(owners) || owners.some(o => typeof o !== 'string')) {
    throw new InputError(
      `owners must be a list of user and group refs or email addresses. ${shape}`,
    );
  }
  if (owners.length > PLAN_MAX_OWNERS) {
    throw new InputError(
      `Pick at most ${PLAN_MAX_OWNERS} owners; this request has ${owners.length}. A team is a group: pick the group instead of its members.`,
    );
  }
  const request: DataProductPlanRequest = { name: fields.name, owners };
  for (const key of TEXT_FIELDS) {
    const value = fields[key];
    if (key !== 'name' && typeof value === 'string' && value !== '') {
      request[key] = value;
    }
  }
  const outputPort = parseOutputPortAnswer(fields.outputPort);
  const outputPorts = parseOutputPorts(fields.outputPorts);
  const inputPorts = parseInputPortRefs(fields.inputPorts);
  const capabilities = fields.capabilities ?? undefined;
  if (
    capabilities !== undefined &&
    (typeof capabilities !== 'object' || Array.isArray(capabilities))
  ) {
    throw new InputError(
      `capabilities must be the answers of the capability pages under each capability's name, e.g. {"dbt": {"enabled": true}}. ${shape}`,
    );
  }
  return {
    ...request,
    ...(outputPort ? { outputPort } : {}),
    ...(outputPorts ? { outputPorts } : {}),
    ...(inputPorts?.length ? { inputPorts } : {}),
    // What each answer means is its capability's to say, in the plan.
    ...(capabilities
      ? { capabilities: capabilities as Record<string, unknown> }
      : {}),
  };
}

/** Why someone may not create the product where the plan puts it, or undefined when they may. */
async function refusal(
  domainEntity: Entity | undefined,
  problems: PlanProblem[],
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<string | undefined> {
  if (!domainEntity) {
    return (
      problems.find(p => p.path === 'spec.domain')?.message ??
      'Every data product belongs to a domain: pick the domain of your team.'
    );
  }
  const [decision] = await permissions.authorize(
    [
      {
        permission: meshifiDataProductCreatePermission,
        resourceRef: stringifyEntityRef(domainEntity),
      },
    ],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW
    ? undefined
    : notInDomainTeamMessage(
        domainEntity.metadata.name,
        String(domainEntity.spec?.owner ?? 'its owners'),
      );
}

/**
 * `POST /plan`: what the Create page's answers give in Google Cloud (the
 * project, the service account, each resource in words, every problem) and
 * whether the caller may create the product in its domain. The catalog is
 * read with the caller's own credentials, so the plan holds only what they
 * may see.
 */
export function planRoute(options: {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  plans: CatalogPlanResolver;
}): express.Router {
  const { httpAuth, permissions, plans } = options;
  const router = Router();

  router.post('/plan', express.json({ limit: '256kb' }), async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const request = parsePlanRequest(req.body);
    const { plan, domainEntity } = await plans.plan(request, { credentials });
    const message = await refusal(
      domainEntity,
      plan.problems,
      permissions,
      credentials,
    );
    const response: DataProductPlanResponse = {
      plan,
      mayCreate: message === undefined,
      ...(message ? { message } : {}),
    };
    res.json(response);
  });

  return router;
}
