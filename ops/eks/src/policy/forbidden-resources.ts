import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** A CloudFormation template as far as this check reads it. */
export interface CfnTemplate {
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

export interface ForbiddenResource {
  file: string;
  logicalId: string;
  type: string;
  rule: string;
}

/**
 * The customer's hard rules that a template can break: no Lambda anywhere
 * (custom resources run on Lambda too) and no MongoDB/DocumentDB.
 */
export const forbiddenRules = [
  { rule: 'no Lambda', test: (type: string) => type.startsWith('AWS::Lambda::') },
  {
    rule: 'no Lambda-backed custom resource',
    test: (type: string) => type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource',
  },
  { rule: 'no MongoDB/DocumentDB', test: (type: string) => /^AWS::DocDB/i.test(type) },
] as const;

/**
 * Every `*.template.json` under a cloud assembly directory: top-level stacks,
 * nested stacks (`*.nested.template.json`) and nested assemblies (stages) alike.
 * `Template.resourceCountIs` on a stack sees none of the nested ones.
 */
export function templatesIn(assemblyDir: string): Record<string, CfnTemplate> {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.name.endsWith('.template.json') ? [path] : [];
    });
  return Object.fromEntries(
    walk(assemblyDir).map((file) => [relative(assemblyDir, file), JSON.parse(readFileSync(file, 'utf8'))]),
  );
}

export function forbiddenResources(templates: Record<string, CfnTemplate>): ForbiddenResource[] {
  return Object.entries(templates).flatMap(([file, template]) =>
    Object.entries(template.Resources ?? {}).flatMap(([logicalId, resource]) =>
      forbiddenRules
        .filter((r) => r.test(resource.Type))
        .map((r) => ({ file, logicalId, type: resource.Type, rule: r.rule })),
    ),
  );
}
