import {
  CreatePlatformEndpointCommand,
  DeleteEndpointCommand,
  EndpointDisabledException,
  InvalidParameterException,
  PublishCommand,
  SNSClient,
} from '@aws-sdk/client-sns';
import type { DevicePlatform, PushDevice, PushMessage, PushOutcome, PushSender } from './push-sender.ts';

/**
 * Amazon SNS mobile push: one platform application per store (APNs for iOS,
 * FCM for Android, their credentials in SNS from secrets), one endpoint per
 * device token. SNS disables an endpoint when APNs or FCM reports its token
 * dead; publishing to it then fails with EndpointDisabled, and we prune it.
 */
export class SnsPushSender implements PushSender {
  readonly name = 'sns';
  readonly #sns: SNSClient;
  readonly #applications: Record<DevicePlatform, string | undefined>;

  constructor(options: { region: string; endpoint?: string; apnsApplicationArn?: string; fcmApplicationArn?: string }) {
    this.#sns = new SNSClient({ region: options.region, ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
    this.#applications = { ios: options.apnsApplicationArn, android: options.fcmApplicationArn };
  }

  async register(platform: DevicePlatform, token: string, userId: string): Promise<string | null> {
    const application = this.#applications[platform];
    if (!application) throw new Error(`no SNS platform application configured for ${platform}`);
    const out = await this.#sns.send(
      new CreatePlatformEndpointCommand({ PlatformApplicationArn: application, Token: token, CustomUserData: userId }),
    );
    return out.EndpointArn ?? null;
  }

  async send(device: PushDevice, message: PushMessage): Promise<PushOutcome> {
    if (!device.endpointArn) return 'invalid';
    const payload =
      device.platform === 'ios'
        ? { APNS: JSON.stringify({ aps: { alert: { title: message.title, body: message.body } }, url: message.url }) }
        : {
            GCM: JSON.stringify({
              fcmV1Message: {
                message: {
                  notification: { title: message.title, body: message.body },
                  data: { url: message.url ?? '', kind: message.kind },
                },
              },
            }),
          };
    try {
      await this.#sns.send(
        new PublishCommand({
          TargetArn: device.endpointArn,
          MessageStructure: 'json',
          Message: JSON.stringify({ default: message.body, ...payload }),
        }),
      );
      return 'sent';
    } catch (error) {
      if (error instanceof EndpointDisabledException) return 'invalid';
      if (error instanceof InvalidParameterException && /endpoint/i.test(error.message)) return 'invalid';
      throw error;
    }
  }

  async unregister(device: PushDevice): Promise<void> {
    if (device.endpointArn) await this.#sns.send(new DeleteEndpointCommand({ EndpointArn: device.endpointArn }));
  }
}
