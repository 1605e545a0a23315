import { KINDS } from '@meshifi/common';
import { KubernetesError } from '@meshifi/node/kubernetes';
import { ClusterReadError } from './ClusterReadError';
import {
  clusterFailureMessage,
  clusterSilenceMessage,
} from './clusterFailureMessage';

const cluster = { server: 'https://k8s.example.com:6443', context: 'prod' };

const failure = (type: KubernetesError['type'], message: string) =>
  new KubernetesError({ type, message });

describe('clusterFailureMessage', () => {
  it('names the missing permission, by kind, and the ClusterRole that grants it', () => {
    expect(
      clusterFailureMessage(
        new ClusterReadError(KINDS.serviceAccount, failure('FORBIDDEN', 'x')),
        cluster,
      ),
    ).toBe(
      'You may not list serviceaccounts.cloudplatform.gcp.m.upbound.io on the cluster at https://k8s.example.com:6443 (context prod) (HTTP 403). meshifi status needs get and list on DataProducts, DataDomains, the GCP managed resources and Events: ask your platform team to bind you the ClusterRole meshifi-cli-reader.',
    );
    expect(
      clusterFailureMessage(
        new ClusterReadError(KINDS.event, failure('FORBIDDEN', 'x')),
        cluster,
      ),
    ).toMatch(/^You may not list events on /);
  });

  it('says a kind the cluster does not know means meshifi is not installed there', () => {
    expect(
      clusterFailureMessage(
        new ClusterReadError(KINDS.dataProduct, failure('NOT_FOUND', 'x')),
        cluster,
      ),
    ).toBe(
      'The cluster at https://k8s.example.com:6443 (context prod) does not know DataProduct (dataproducts.meshifi.io): is meshifi installed there?',
    );
  });

  it('passes on what the cluster said otherwise', () => {
    expect(
      clusterFailureMessage(
        new ClusterReadError(
          KINDS.dataset,
          failure('SERVICE_UNAVAILABLE', 'the cluster answered HTTP 503'),
        ),
        cluster,
      ),
    ).toBe(
      'Cannot list datasets.bigquery.gcp.m.upbound.io on the cluster at https://k8s.example.com:6443 (context prod): the cluster answered HTTP 503.',
    );
  });
});

describe('clusterSilenceMessage', () => {
  it('names the server and how long it waited, then what to check and whom to ask', () => {
    expect(clusterSilenceMessage(cluster, 30)).toBe(
      'The cluster at https://k8s.example.com:6443 (context prod) did not answer within 30 seconds. Check that --kubeconfig and --context name the cluster you mean and that your network reaches it (a VPN, for instance); if they do, ask your platform team whether the cluster is up. A slow cluster can be given longer with --timeout <seconds>.',
    );
    expect(clusterSilenceMessage(cluster, 1)).toContain('within 1 second.');
  });
});
