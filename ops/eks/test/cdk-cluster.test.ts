import test from 'ava';
import { defaultDeployment } from '../src/deployment.ts';
import { resourcesOf, synthesize } from './helpers/synthesized-assembly.ts';

const clusterOf = (settings = defaultDeployment) =>
  Object.values(resourcesOf(synthesize(settings).templates.compute, 'AWS::EKS::Cluster'))[0]!.Properties;

test('the cluster runs a supported Kubernetes version and its API is private by default', (t) => {
  const cluster = clusterOf();
  t.is(cluster.Version, '1.36');
  t.false(cluster.ResourcesVpcConfig.EndpointPublicAccess);
  t.true(cluster.ResourcesVpcConfig.EndpointPrivateAccess);
});

test('with an allow-list, the public API endpoint answers only those CIDR blocks', (t) => {
  const cluster = clusterOf({ ...defaultDeployment, apiAllowedCidrs: ['203.0.113.0/24'] });
  t.true(cluster.ResourcesVpcConfig.EndpointPublicAccess);
  t.true(cluster.ResourcesVpcConfig.EndpointPrivateAccess);
  t.deepEqual(cluster.ResourcesVpcConfig.PublicAccessCidrs, ['203.0.113.0/24']);
});
