import { Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as xray from 'aws-cdk-lib/aws-xray';
import { Construct } from 'constructs';

/**
 * CloudWatch Transaction Search, which X-Ray's OTLP endpoint needs (the ADOT
 * collector exports there, k8s/otel-collector.ts): X-Ray may write the spans to
 * the `aws/spans` log group of this account, and indexes 1 % of them as trace
 * summaries (every span stays searchable in the log group).
 */
export class TraceSearch extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const { account, region, partition } = Stack.of(this);
    const policy = new logs.CfnResourcePolicy(this, 'XRayWritesSpans', {
      policyName: 'pocdojo-xray-transaction-search',
      policyDocument: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'TransactionSearchXRayAccess',
            Effect: 'Allow',
            Principal: { Service: 'xray.amazonaws.com' },
            Action: 'logs:PutLogEvents',
            Resource: [
              `arn:${partition}:logs:${region}:${account}:log-group:aws/spans:*`,
              `arn:${partition}:logs:${region}:${account}:log-group:/aws/application-signals/data:*`,
            ],
            Condition: {
              ArnLike: { 'aws:SourceArn': `arn:${partition}:xray:${region}:${account}:*` },
              StringEquals: { 'aws:SourceAccount': account },
            },
          },
        ],
      }),
    });
    const search = new xray.CfnTransactionSearchConfig(this, 'Config', { indexingPercentage: 1 });
    search.addDependency(policy);
  }
}
