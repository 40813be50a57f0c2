import { startFauxqs } from 'fauxqs';
import type { AwsSettings } from '../aws.ts';

/** An in-process SQS/S3 emulator (fauxqs) on a free loopback port, for integration tests. */
export async function startAwsEmulator(): Promise<{ settings: AwsSettings; stop(): Promise<void> }> {
  const server = await startFauxqs({ port: 0, host: '127.0.0.1', logger: false });
  return { settings: { region: 'us-east-1', endpoint: server.address }, stop: () => server.stop() };
}
