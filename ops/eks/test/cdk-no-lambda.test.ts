import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { CfnCustomResource } from 'aws-cdk-lib/aws-cloudformation';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { forbiddenResources, templatesIn } from '../src/policy/forbidden-resources.ts';
import { synthesize } from './helpers/synthesized-assembly.ts';

const { allTemplateFiles, stacks } = synthesize();
const everyResource = Object.values(allTemplateFiles).flatMap((template) => Object.values(template.Resources ?? {}));

test('the walk reads a template for every stack', (t) => {
  const files = Object.keys(allTemplateFiles);
  for (const stack of Object.values(stacks)) {
    t.true(files.includes(`${stack.stackName}.template.json`), `${stack.stackName} missing from ${files.join(', ')}`);
  }
  t.true(everyResource.length > 100, `only ${everyResource.length} resources: is the walk reading the templates?`);
});

test('no Lambda, no custom resource and no DocumentDB in any stack, nested ones included', (t) => {
  t.deepEqual(forbiddenResources(allTemplateFiles), []);
});

test('no resource mentions MongoDB or DocumentDB', (t) => {
  const mentions = everyResource.filter((r) => /mongo|docdb/i.test(JSON.stringify(r.Properties ?? {})));
  t.deepEqual(
    mentions.map((r) => r.Type),
    [],
  );
});

test('the walk finds a Lambda hidden in a nested stack and a custom resource', (t) => {
  const outdir = mkdtempSync(join(tmpdir(), 'pocdojo-nested-'));
  t.teardown(() => rmSync(outdir, { recursive: true, force: true }));
  const app = new App({ outdir });
  const parent = new Stack(app, 'Parent');
  const nested = new NestedStack(parent, 'Nested');
  new lambda.CfnFunction(nested, 'Hidden', {
    role: 'arn:aws:iam::111111111111:role/x',
    code: { zipFile: 'exports.handler = async () => {}' },
    runtime: 'nodejs22.x',
    handler: 'index.handler',
  });
  new CfnCustomResource(parent, 'Custom', { serviceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:x' });
  const found = forbiddenResources(templatesIn(app.synth().directory));
  t.deepEqual(found.map((f) => `${f.rule} ${f.type} nested=${f.file.includes('.nested.')}`).sort(), [
    'no Lambda AWS::Lambda::Function nested=true',
    'no Lambda-backed custom resource AWS::CloudFormation::CustomResource nested=false',
  ]);
});
