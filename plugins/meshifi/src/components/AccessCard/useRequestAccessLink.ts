import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import { routeResolutionApiRef } from '@backstage/frontend-plugin-api';
import { useLocation } from 'react-router-dom';
import { createFromTemplateRouteRef } from '../../routes';

/** The template "Request access" opens (templates/request-data-access). */
export const REQUEST_ACCESS_TEMPLATE = {
  namespace: 'default',
  templateName: 'request-data-access',
};

/**
 * Where the template's page is when the app cannot say: the scaffolder's
 * own path, as legacy apps mount it.
 */
const DEFAULT_TEMPLATE_PATH = `/create/templates/${REQUEST_ACCESS_TEMPLATE.namespace}/${REQUEST_ACCESS_TEMPLATE.templateName}`;

/**
 * The template's page with the product already picked, and who reads when
 * the page knows (another product asking for its input).
 */
export function requestAccessLink(
  templatePath: string,
  product: Entity | string,
  consumer?: string,
) {
  const formData = {
    product:
      typeof product === 'string' ? product : stringifyEntityRef(product),
    ...(consumer ? { consumer } : {}),
  };
  return `${templatePath}?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
}

/**
 * "Request access" for a product: the Create page's request template,
 * resolved through the app's routes where the new frontend system binds
 * them, else at the scaffolder's usual path (legacy apps have no route
 * resolution to ask).
 */
export function useRequestAccessLink(
  product: Entity | string,
  consumer?: string,
): string {
  const routeResolution = useApiHolder().get(routeResolutionApiRef);
  const { pathname } = useLocation();
  const templatePath =
    routeResolution?.resolve(createFromTemplateRouteRef, {
      sourcePath: pathname,
    })?.(REQUEST_ACCESS_TEMPLATE) ?? DEFAULT_TEMPLATE_PATH;
  return requestAccessLink(templatePath, product, consumer);
}
