import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/frontend-plugin-api';

/** The meshifi home page: the data products by domain. */
export const homeRouteRef = createRouteRef();

/**
 * Where "Create a data product" leads: a template's page of the scaffolder,
 * which it is bound to unless the app binds it elsewhere.
 */
export const createFromTemplateRouteRef = createExternalRouteRef({
  params: ['namespace', 'templateName'],
  defaultTarget: 'scaffolder.selectedTemplate',
});
