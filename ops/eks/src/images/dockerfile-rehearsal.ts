import { spawn } from 'node:child_process';
import { cp, mkdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { type Copy, DockerfileParser, type Instruction } from 'dockerfile-ast';

/** What the last stage of a rehearsed Dockerfile holds, as a container would see it. */
export interface RehearsedImage {
  /** The folder standing for the image's root file system. */
  root: string;
  /** The image's WORKDIR (absolute inside the image). */
  workdir: string;
  /** `root` + `workdir`: where the container's process starts. */
  cwd: string;
  env: Record<string, string>;
  user: string | undefined;
  /** CMD in exec form. */
  cmd: string[];
}

export interface RehearsalOptions {
  dockerfile: string;
  /** The build context (the repository root). */
  context: string;
  buildArgs: Record<string, string>;
  /** An empty folder to lay the stages out in, one sub-folder per stage. */
  into: string;
  onProgress?: (line: string) => void;
}

interface Stage {
  name: string;
  root: string;
  workdir: string;
  vars: Record<string, string>;
  env: Record<string, string>;
  user: string | undefined;
  cmd: string[];
}

/**
 * Replays a Dockerfile's file-system steps on this machine, with no Docker engine: each stage becomes a
 * folder, WORKDIR/COPY/ENV/USER/CMD are applied to it and RUN executes in it with the host's shell.
 * CI uses it to prove that an image holds what its service needs to start (its production dependencies
 * only) by starting the service from the last stage's folder. Base images are not pulled: a RUN that
 * needs the base image's own packages (apt-get) is a no-op while its arguments are empty, as they are in
 * a rehearsal; `node` comes from the host.
 */
export async function rehearseDockerfile(options: RehearsalOptions): Promise<RehearsedImage> {
  const source = await readFile(options.dockerfile, 'utf8');
  const instructions = DockerfileParser.parse(source).getInstructions();
  const globalArgs: Record<string, string> = {};
  const stages: Stage[] = [];
  let stage: Stage | undefined;

  for (const instruction of instructions) {
    const keyword = instruction.getKeyword();
    const text = instruction.getArgumentsContent() ?? '';
    if (!stage && keyword === 'ARG') {
      Object.assign(globalArgs, declaredArg(text, options.buildArgs, globalArgs));
      continue;
    }
    if (keyword === 'FROM') {
      const name = /\bAS\s+(\S+)/i.exec(text)?.[1] ?? String(stages.length);
      stage = { name, root: join(options.into, name), workdir: '/', vars: {}, env: {}, user: undefined, cmd: [] };
      await mkdir(stage.root, { recursive: true });
      stages.push(stage);
      options.onProgress?.(`FROM ${expand(text, globalArgs)}`);
      continue;
    }
    if (!stage) throw new Error(`line ${line(instruction)}: ${keyword} before any FROM`);
    const vars = { ...stage.vars, ...stage.env };
    switch (keyword) {
      case 'ARG':
        // A stage's ARG without a default takes the build argument, or the global ARG of that name.
        Object.assign(stage.vars, declaredArg(text, options.buildArgs, globalArgs));
        break;
      case 'ENV':
        for (const [, key, value] of text.matchAll(/(\w+)=("[^"]*"|\S*)/g)) {
          stage.env[key!] = expand(value!.replace(/^"|"$/g, ''), vars);
        }
        break;
      case 'WORKDIR':
        stage.workdir = absolute(expand(text.trim(), vars), stage.workdir);
        await mkdir(join(stage.root, stage.workdir), { recursive: true });
        break;
      case 'USER':
        stage.user = expand(text.trim(), vars);
        break;
      case 'CMD':
        stage.cmd = JSON.parse(text) as string[];
        break;
      case 'COPY':
        await copy(instruction, stage, stages, options.context, vars);
        break;
      case 'RUN': {
        const command = expand(text, vars);
        options.onProgress?.(`RUN ${command}`);
        await run(command, join(stage.root, stage.workdir), { ...vars });
        break;
      }
      case 'ADD':
        // Only remote files are ADDed here, and a rehearsal has no network: noted, not fetched.
        options.onProgress?.(`ADD (not fetched) ${text}`);
        break;
      default:
        // LABEL, EXPOSE, HEALTHCHECK …: no effect on the file system.
        break;
    }
  }
  if (!stage) throw new Error(`${options.dockerfile} has no FROM`);
  return {
    root: stage.root,
    workdir: stage.workdir,
    cwd: join(stage.root, stage.workdir),
    env: stage.env,
    user: stage.user,
    cmd: stage.cmd,
  };
}

function declaredArg(text: string, buildArgs: Record<string, string>, globals: Record<string, string>) {
  const [name, ...rest] = text.trim().split('=');
  const fallback = rest.length > 0 ? rest.join('=').replace(/^"|"$/g, '') : (globals[name!] ?? '');
  return { [name!]: buildArgs[name!] ?? fallback };
}

/** `${NAME}` and `$NAME` as Docker expands them in instructions (no modifiers are used here). */
function expand(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, braced: string, bare: string) => vars[braced ?? bare] ?? '');
}

function absolute(path: string, from: string): string {
  return path.startsWith('/') ? path : join(from, path);
}

function line(instruction: Instruction): number {
  return instruction.getRange().start.line + 1;
}

async function copy(
  instruction: Instruction,
  stage: Stage,
  stages: Stage[],
  context: string,
  vars: Record<string, string>,
) {
  const from =
    (instruction as Copy)
      .getFlags()
      .find((flag) => flag.getName() === 'from')
      ?.getValue() ?? undefined;
  const paths = instruction.getArguments().map((argument) => expand(argument.getValue(), vars));
  const destination = paths.pop()!;
  const sourceRoot = from === undefined ? context : stageNamed(stages, from, line(instruction));
  const target = join(stage.root, absolute(destination, stage.workdir));
  for (const path of paths) {
    const source = join(sourceRoot, path);
    const isDirectory = (await stat(source)).isDirectory();
    // Docker copies a directory's contents to the destination, and a file into a destination ending in "/".
    const to = !isDirectory && destination.endsWith('/') ? join(target, basename(path)) : target;
    // Verbatim, as Docker copies them: node_modules/@pocdojo/common is a relative link to the workspace.
    await cp(source, to, { recursive: true, verbatimSymlinks: true });
  }
}

function stageNamed(stages: Stage[], name: string, at: number): string {
  const found = stages.find((s) => s.name === name);
  if (!found) throw new Error(`line ${at}: COPY --from=${name} names no earlier stage`);
  return found.root;
}

function run(command: string, cwd: string, vars: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], {
      cwd,
      env: { ...process.env, ...vars },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`RUN ${command} exited with ${code}:\n${output.slice(-4000)}`)),
    );
  });
}
