import { Arn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { NotificationNames } from '../services.ts';

export interface NotificationChannelsProps {
  /** The domain e-mails come from (`no-reply@<domain>`); SES verifies it through DKIM records. */
  mailDomain: string;
  /** The SQS queue notifier consumes bounce and complaint events from (with its DLQ). */
  feedbackQueue: sqs.IQueue;
  key: kms.IKey;
}

/**
 * notifier's outbound channels. E-mail: an SES identity for the mail domain
 * and a configuration set that publishes bounces and complaints to an SNS
 * topic feeding the `ses-feedback` queue, which notifier consumes to suppress
 * addresses (notifier/src/messaging/ses-feedback-consumer.ts). Push: the APNs
 * and FCM credentials live in Secrets Manager (placeholders an operator
 * replaces); the SNS platform applications are made from them by the operator
 * with the AWS CLI (README), because CloudFormation has no resource for them
 * and a custom resource would need a Lambda function. Their ARNs are fixed by
 * name here, so IAM and the notifier's settings can name them.
 */
export class NotificationChannels extends Construct {
  readonly identity: ses.EmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly feedbackTopic: sns.Topic;
  readonly apnsCredentials: secretsmanager.Secret;
  readonly fcmCredentials: secretsmanager.Secret;
  readonly apnsApplicationArn: string;
  readonly fcmApplicationArn: string;

  constructor(scope: Construct, id: string, props: NotificationChannelsProps) {
    super(scope, id);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: NotificationNames.configurationSet,
      reputationMetrics: true,
      // Addresses that bounce or complain are suppressed account-wide by SES too.
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.identity = new ses.EmailIdentity(this, 'MailDomain', {
      identity: ses.Identity.domain(props.mailDomain),
      configurationSet: this.configurationSet,
      mailFromDomain: `mail.${props.mailDomain}`,
    });
    this.feedbackTopic = new sns.Topic(this, 'FeedbackTopic', {
      topicName: NotificationNames.feedbackTopic,
      masterKey: props.key,
      enforceSSL: true,
    });
    // SES publishes the events to the encrypted topic: it needs the data key for that, nothing else.
    props.key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.configurationSet.addEventDestination('Feedback', {
      destination: ses.EventDestination.snsTopic(this.feedbackTopic),
      events: [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT],
    });
    this.feedbackTopic.addSubscription(new subscriptions.SqsSubscription(props.feedbackQueue));

    const placeholder = { excludePunctuation: true, passwordLength: 32 };
    this.apnsCredentials = new secretsmanager.Secret(this, 'ApnsCredentials', {
      secretName: 'pocdojo/notifier/apns',
      description: 'APNs signing key (.p8) and key id / team id for the SNS platform application; replace (README)',
      encryptionKey: props.key,
      generateSecretString: placeholder,
    });
    this.fcmCredentials = new secretsmanager.Secret(this, 'FcmCredentials', {
      secretName: 'pocdojo/notifier/fcm',
      description: 'FCM service account JSON for the SNS platform application; replace (README)',
      encryptionKey: props.key,
      generateSecretString: placeholder,
    });
    const application = (platform: 'APNS' | 'GCM', name: string) =>
      Arn.format({ service: 'sns', resource: 'app', resourceName: `${platform}/${name}` }, Stack.of(this));
    this.apnsApplicationArn = application('APNS', NotificationNames.apnsApplication);
    this.fcmApplicationArn = application('GCM', NotificationNames.fcmApplication);
  }
}
