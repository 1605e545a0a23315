import {
  dataDomainManifest,
  dataProductManifest,
  KubernetesObject,
} from '@meshifi/common';
import { KubeConfig } from '@kubernetes/client-node';

/** A DataProduct as the cluster holds it: in its domain's namespace. */
export function productIn(name: string, domain: string): KubernetesObject {
  const manifest = dataProductManifest({
    info: { name, version: '0.1.0' },
    access: { owners: ['ana@example.com'] },
    domain,
  });
  return { ...manifest, metadata: { ...manifest.metadata, namespace: domain } };
}

/** A DataDomain owned by its team, with a project of its own. */
export const domainNamed = (name: string): KubernetesObject =>
  dataDomainManifest(name, {
    owner: `group:default/${name}-team`,
    gcpProject: `acme-${name}-data`,
  });

/** A kubeconfig naming one server, with a token stand-ins ignore. */
export function kubeConfigFor(server: string): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    // Plain HTTP (a stand-in on loopback) is allowed only with skipTLSVerify.
    clusters: [
      { name: 'local', server, skipTLSVerify: server.startsWith('http:') },
    ],
    users: [{ name: 'analyst', token: 'not-a-real-token' }],
    contexts: [{ name: 'analyst@local', cluster: 'local', user: 'analyst' }],
    currentContext: 'analyst@local',
  });
  return kubeConfig;
}
