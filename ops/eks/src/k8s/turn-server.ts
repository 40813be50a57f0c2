import { DaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { ClusterLayout } from './cluster-layout.ts';
import { SecretNames } from './cluster-layout.ts';
import type { KubeObject } from './kube-object.ts';
import { fromSecret, labelsOf, selectorOf } from './pod-parts.ts';

/** The node group coturn runs on, alone (label and taint set by the compute stack, public subnets). */
export const TurnNodes = { labelKey: 'pocdojo.dev/turn', value: 'coturn' } as const;

/** coturn's ports: STUN/TURN over UDP and TCP, and the range it relays media through. */
export const TurnPorts = { listening: 3478, relayMin: 49152, relayMax: 65535, metrics: 9641 } as const;

/** coturn release (Docker Hub's official image); bump deliberately. */
export const coturnImage = 'coturn/coturn:4.6.3';

/** The public name voice clients reach TURN at; ExternalDNS publishes every TURN node's public address under it. */
export const turnHost = (layout: ClusterLayout) => `turn.${layout.dojoHost.replace(/^dojo\./, '')}`;

/**
 * Peer addresses coturn refuses to relay to: the VPC and every private, loopback and
 * link-local range. A TURN server is an open relay for whoever holds credentials,
 * so without these a dojo member could reach the cluster's services or the
 * instance metadata endpoint (169.254.169.254) through it.
 */
export const deniedPeerRanges = [
  '0.0.0.0-0.255.255.255',
  '10.0.0.0-10.255.255.255',
  '100.64.0.0-100.127.255.255',
  '127.0.0.0-127.255.255.255',
  '169.254.0.0-169.254.255.255',
  '172.16.0.0-172.31.255.255',
  '192.168.0.0-192.168.255.255',
  '::1',
  'fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
  'fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
] as const;

/** The dojo engine's voice settings: where members find STUN and TURN, and the secret their credentials are signed with. */
export const engineVoiceSettings = (layout: ClusterLayout) => ({
  config: {
    STUN_URLS: `stun:${turnHost(layout)}:${TurnPorts.listening}`,
    TURN_URLS: [
      `turn:${turnHost(layout)}:${TurnPorts.listening}?transport=udp`,
      `turn:${turnHost(layout)}:${TurnPorts.listening}?transport=tcp`,
    ].join(','),
  },
  secret: fromSecret('TURN_SECRET', SecretNames.turn, 'static-auth-secret'),
});

/**
 * coturn for dojo voice (WebRTC audio between members when no direct path
 * exists). One pod per TURN node on the host network: a relay needs the node's
 * public address and tens of thousands of UDP ports, which no load balancer
 * forwards. Credentials are coturn's time-limited ones (`use-auth-secret`),
 * signed by the engine with the shared secret, so they expire on their own.
 * Host-network pods are outside NetworkPolicy; the node group's security group
 * opens only the TURN ports, and the denied peer ranges keep the relay out of the VPC.
 */
export function turnServer(layout: ClusterLayout): KubeObject[] {
  const name = 'turn-server';
  const metadata = { name, namespace: layout.namespace, labels: labelsOf(name) };
  const args = [
    '-n',
    '--log-file=stdout',
    '--no-cli',
    '--fingerprint',
    '--use-auth-secret',
    '--static-auth-secret=$(TURN_SECRET)',
    `--realm=${turnHost(layout)}`,
    `--listening-port=${TurnPorts.listening}`,
    `--min-port=${TurnPorts.relayMin}`,
    `--max-port=${TurnPorts.relayMax}`,
    // The node's private address, mapped to its public one: the image's entrypoint evaluates
    // `$(detect-external-ip)` (Kubernetes leaves it alone: it is not an env variable).
    '--listening-ip=$(NODE_IP)',
    '--relay-ip=$(NODE_IP)',
    '--external-ip=$(detect-external-ip)/$(NODE_IP)',
    // Audio only: no TLS listener (media is DTLS-SRTP end to end anyway), no multicast, quotas per user and in all.
    '--no-tls',
    '--no-dtls',
    '--no-multicast-peers',
    '--no-tcp-relay',
    '--user-quota=16',
    '--total-quota=2000',
    '--max-bps=256000',
    '--stale-nonce=600',
    '--pidfile=/var/tmp/turnserver.pid',
    '--userdb=/var/lib/coturn/turndb',
    '--prometheus',
    ...deniedPeerRanges.map((range) => `--denied-peer-ip=${range}`),
  ];
  return [
    new ServiceAccount({ metadata, automountServiceAccountToken: false }),
    new DaemonSet({
      metadata,
      spec: {
        selector: { matchLabels: selectorOf(name) },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels: labelsOf(name) },
          spec: {
            serviceAccountName: name,
            automountServiceAccountToken: false,
            hostNetwork: true,
            dnsPolicy: 'ClusterFirstWithHostNet',
            nodeSelector: { [TurnNodes.labelKey]: TurnNodes.value },
            tolerations: [{ key: TurnNodes.labelKey, operator: 'Equal', value: TurnNodes.value, effect: 'NoSchedule' }],
            // A member's relayed call ends when its TURN node goes; give allocations time to close.
            terminationGracePeriodSeconds: 30,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: 65534,
              runAsGroup: 65534,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            volumes: [
              { name: 'run', emptyDir: {} },
              { name: 'state', emptyDir: {} },
            ],
            containers: [
              {
                name: 'coturn',
                image: coturnImage,
                args,
                env: [
                  { name: 'NODE_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
                  fromSecret('TURN_SECRET', SecretNames.turn, 'static-auth-secret'),
                ],
                ports: [
                  { name: 'turn-udp', containerPort: TurnPorts.listening, protocol: 'UDP' },
                  { name: 'turn-tcp', containerPort: TurnPorts.listening, protocol: 'TCP' },
                  { name: 'metrics', containerPort: TurnPorts.metrics, protocol: 'TCP' },
                ],
                readinessProbe: { tcpSocket: { port: TurnPorts.listening }, periodSeconds: 10 },
                livenessProbe: { tcpSocket: { port: TurnPorts.listening }, periodSeconds: 20, failureThreshold: 3 },
                resources: { requests: { cpu: '500m', memory: '256Mi' }, limits: { memory: '512Mi' } },
                volumeMounts: [
                  { name: 'run', mountPath: '/var/tmp' },
                  { name: 'state', mountPath: '/var/lib/coturn' },
                ],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
              },
            ],
          },
        },
      },
    }),
    // Headless: ExternalDNS publishes the public address of every node running a ready TURN pod as `turnHost`.
    new Service({
      metadata: {
        ...metadata,
        annotations: { 'external-dns.alpha.kubernetes.io/hostname': turnHost(layout) },
      },
      spec: {
        clusterIP: 'None',
        selector: selectorOf(name),
        ports: [{ name: 'turn-udp', port: TurnPorts.listening, protocol: 'UDP' }],
      },
    }),
  ];
}
