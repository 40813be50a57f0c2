import type { CORSRule } from '@aws-sdk/client-s3';
import type { AwsSettings } from '../../runtime/aws.ts';
import { startAwsEmulatorServer } from '../aws-emulator.ts';

/** An in-process SQS/S3 emulator (fauxqs) on a free loopback port, for integration tests. */
export async function startAwsEmulator(
  options: { cors?: CORSRule[] } = {},
): Promise<{ settings: AwsSettings; stop(): Promise<void> }> {
  const server = await startAwsEmulatorServer({ port: 0, host: '127.0.0.1', cors: options.cors });
  return { settings: { region: 'us-east-1', endpoint: server.address }, stop: () => server.stop() };
}
