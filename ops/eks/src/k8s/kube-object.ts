/**
 * What the manifest builders return: a kubernetes-models object, which knows
 * its apiVersion/kind and validates itself against the Kubernetes schema.
 */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  validate(): void;
  toJSON(): unknown;
}
