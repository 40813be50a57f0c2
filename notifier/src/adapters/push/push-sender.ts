export const DevicePlatforms = ['ios', 'android'] as const;
export type DevicePlatform = (typeof DevicePlatforms)[number];

/** A registered device as the push port sees it. */
export interface PushDevice {
  platform: DevicePlatform;
  token: string;
  /** The provider's handle for the token (an SNS endpoint ARN), when it has one. */
  endpointArn: string | null;
}

export interface PushMessage {
  title: string;
  body: string;
  url: string | null;
  kind: string;
  deliveryId: string;
  /** Who it is for: the local stand-in shows it. */
  userId: string;
}

/** `invalid`: the provider says the token is dead — the device is pruned. */
export type PushOutcome = 'sent' | 'invalid';

/** The push port: SNS mobile push (APNs, FCM) in production, a recording stand-in locally. */
export interface PushSender {
  readonly name: string;
  /** Registers a token with the provider; returns its endpoint handle (or null when it needs none). */
  register(platform: DevicePlatform, token: string, userId: string): Promise<string | null>;
  send(device: PushDevice, message: PushMessage): Promise<PushOutcome>;
  /** Forgets a pruned or unregistered device at the provider. */
  unregister(device: PushDevice): Promise<void>;
}
