import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { type DeploymentSettings, defaultDeployment } from '../../src/deployment.ts';
import { createApp, type PocDojoStacks } from '../../src/pocdojo-app.ts';
import { type CfnTemplate, templatesIn } from '../../src/policy/forbidden-resources.ts';

export interface SynthesizedApp {
  stacks: PocDojoStacks;
  templates: Record<keyof PocDojoStacks, Template>;
  /** Every template file the assembly holds, nested stacks and nested assemblies included. */
  allTemplateFiles: Record<string, CfnTemplate>;
}

/** Synthesizes the whole app once into a temporary directory (≈ 10 s on a busy 2-core machine). */
export function synthesize(settings: DeploymentSettings = defaultDeployment): SynthesizedApp {
  const outdir = mkdtempSync(join(tmpdir(), 'pocdojo-cdk-'));
  try {
    const { app, stacks } = createApp(settings, { outdir, validate: false });
    const assembly = app.synth();
    const allTemplateFiles = templatesIn(assembly.directory);
    const templates = Object.fromEntries(
      Object.entries(stacks).map(([key, stack]) => [
        key,
        Template.fromJSON(assembly.getStackByName(stack.stackName).template),
      ]),
    ) as SynthesizedApp['templates'];
    return { stacks, templates, allTemplateFiles };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Resources of one type in a template, by logical id. */
export const resourcesOf = (template: Template, type: string) =>
  template.findResources(type) as Record<string, { Properties: Record<string, any> }>;
