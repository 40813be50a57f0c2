import test from 'ava';
import { PERSONAL_DATA_TAGS } from '../../../media-worker/src/jobs/job-runner.ts';
import { resourcesOf, synthesize } from './helpers/synthesized-assembly.ts';

const { templates } = synthesize();

test("members' personal data archives expire by the tag media-worker puts on them, old versions included", (t) => {
  const [bucket] = Object.values(resourcesOf(templates.data, 'AWS::S3::Bucket'));
  const rule = bucket.Properties.LifecycleConfiguration.Rules.find(
    (r: { Id: string }) => r.Id === 'expire-personal-data-exports',
  );
  t.truthy(rule);
  t.is(rule.Status, 'Enabled');
  t.deepEqual(
    rule.TagFilters,
    Object.entries(PERSONAL_DATA_TAGS).map(([Key, Value]) => ({ Key, Value })),
  );
  t.is(rule.Prefix, 'tenants/');
  // The sweeper deletes an archive after 7 days; the rule is its backstop, a day later.
  t.is(rule.ExpirationInDays, 8);
  t.is(rule.NoncurrentVersionExpiration.NoncurrentDays, 1);
});
