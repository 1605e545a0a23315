import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { InputError, ResponseError } from '@backstage/errors';

/** What an action needs to call the meshifi backend plugin. */
export interface MeshifiBackendDeps {
  discovery: DiscoveryService;
  auth: AuthService;
}

/**
 * POSTs to a route of the meshifi backend plugin in the name of the person
 * who runs the template (a plugin token on their behalf), so that the
 * backend's checks run with their identity. A refusal is thrown as an
 * InputError in the backend's words, which are written for that person.
 */
export async function askMeshifiBackend<T>(
  deps: MeshifiBackendDeps,
  initiator: BackstageCredentials,
  route: string,
  body: unknown,
): Promise<T> {
  const { token } = await deps.auth.getPluginRequestToken({
    onBehalfOf: initiator,
    targetPluginId: 'meshifi',
  });
  const baseUrl = await deps.discovery.getBaseUrl('meshifi');
  const response = await fetch(`${baseUrl}${route}`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${token}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) {
    const error = await ResponseError.fromResponse(response);
    throw response.status >= 400 && response.status < 500
      ? new InputError(error.body.error.message)
      : error;
  }
  return (await response.json()) as T;
}
