import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { renderHook } from '@testing-library/react';
import { ReactNode } from 'react';
import { MeshifiApi, meshifiApiRef } from '../../api';
import { FakeSignalApi } from './FakeSignalApi';

/** A DataProduct entity whose XR is `sales/customer-orders-xr`. */
export const dataProductEntity: Entity = {
  apiVersion: 'catalog.meshifi.io/v1alpha1',
  kind: 'DataProduct',
  metadata: {
    name: 'customer-orders',
    namespace: 'default',
    annotations: {
      'meshifi.io/xr-namespace': 'sales',
      'meshifi.io/xr-name': 'customer-orders-xr',
    },
  },
  spec: {},
};

export interface HookContext {
  meshifi?: Partial<MeshifiApi>;
  /** False: the app is one without the signals plugin. */
  signalsInstalled?: boolean;
  /** The entity of the page the hook runs on, if it reads one. */
  entity?: Entity;
}

/**
 * Renders a hook with the app's APIs, as on an entity's page. `signals` is
 * what the backend would send through; with signals not installed, nobody
 * hears it.
 */
export function renderHookWithApis<TResult>(
  hook: () => TResult,
  { meshifi, signalsInstalled = true, entity }: HookContext = {},
) {
  const signals = new FakeSignalApi();
  const apis = [
    ...(meshifi ? [[meshifiApiRef, meshifi] as const] : []),
    ...(signalsInstalled ? [[signalApiRef, signals] as const] : []),
  ];
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={apis}>
      {entity ? (
        <EntityProvider entity={entity}>{children}</EntityProvider>
      ) : (
        children
      )}
    </TestApiProvider>
  );
  return { ...renderHook(hook, { wrapper }), signals };
}
