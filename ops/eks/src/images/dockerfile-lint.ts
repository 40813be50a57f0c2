import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';

/**
 * Problems in a Dockerfile, as `line: message`: the syntax and instruction checks of dockerfile-utils
 * (the validator behind VS Code's Docker support), then this project's image policy.
 */
export function lintDockerfile(content: string): string[] {
  const problems = validate(content).map((d) => `${d.range.start.line + 1}: ${d.message}`);
  const dockerfile = DockerfileParser.parse(content);
  const instructions = dockerfile.getInstructions();
  const at = (i: { getRange(): { start: { line: number } } }) => i.getRange().start.line + 1;

  // Every base image pinned by digest, so a rebuild gets the very same bits.
  const args = new Map<string, string>();
  for (const arg of dockerfile.getInitialARGs()) {
    const [name, ...value] = (arg.getArgumentsContent() ?? '').split('=');
    if (name) args.set(name, value.join('='));
  }
  const stages = new Set<string>();
  for (const from of dockerfile.getFROMs()) {
    const image = (from.getImage() ?? '').replace(/^\$\{?(\w+)\}?$/, (_, name: string) => args.get(name) ?? '');
    if (!stages.has(image) && !/@sha256:[0-9a-f]{64}$/.test(image)) {
      problems.push(`${at(from)}: base image "${from.getImage()}" is not pinned by digest`);
    }
    const stage = from.getBuildStage();
    if (stage) stages.add(stage);
  }
  if (instructions.some((i) => i.getKeyword() === 'HEALTHCHECK')) {
    problems.push('HEALTHCHECK: Kubernetes probes check health; the image must not');
  }
  // The last USER of the last stage decides who runs the service: never root.
  const lastFrom = dockerfile.getFROMs().at(-1);
  const user = instructions.filter((i) => i.getKeyword() === 'USER' && lastFrom && at(i) > at(lastFrom)).at(-1);
  const who = user?.getArgumentsContent()?.trim();
  if (!who || who === 'root' || who === '0' || who.startsWith('0:')) {
    problems.push(`${user ? at(user) : 'end'}: the final stage must run as a non-root USER`);
  }
  if (!instructions.some((i) => i.getKeyword() === 'CMD' && (i.getArgumentsContent() ?? '').trim().startsWith('['))) {
    problems.push('CMD must use the exec form (JSON array), so signals reach the service');
  }
  return problems;
}
