import { countsSummary, firstLine, type Toolchain } from './toolchain.ts';

/** JUnit 5's console launcher (Debian's junit5 package ships it as one jar). */
export interface JavaInstall {
  consoleJar: string;
}

const compileFailed = 3;

/** javac, then JUnit 5's console launcher over the compiled classes, in a small heap on one JIT tier. */
export function javaToolchain(install: JavaInstall): Toolchain {
  const inUsr = install.consoleJar.startsWith('/usr/');
  const jar = inUsr ? install.consoleJar : '/opt/junit/junit-platform-console-standalone.jar';
  const jvm = '-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xmx256m -XX:MaxMetaspaceSize=128m';
  return {
    language: 'java',
    mounts: inUsr ? [] : [{ host: install.consoleJar, at: jar }],
    env: { PATH: '/usr/bin:/bin', JAVA_TOOL_OPTIONS: '' },
    defaultFiles: () => ({}),
    script: [
      'mkdir -p /tmp/classes',
      `find . -name '*.java' > /tmp/sources`,
      `javac -J-XX:+UseSerialGC -J-XX:TieredStopAtLevel=1 -proc:none -nowarn -encoding UTF-8 -d /tmp/classes -cp '${jar}' @/tmp/sources || exit ${compileFailed}`,
      `exec java ${jvm} -jar '${jar}' --class-path /tmp/classes --scan-class-path --disable-banner --disable-ansi-colors --details=tree --fail-if-no-tests`,
    ].join(' && '),
    report(output, exitCode) {
      const count = (name: string) => Number(new RegExp(`\\[\\s*(\\d+) tests ${name}\\s*\\]`).exec(output)?.[1] ?? 0);
      const failingTests = [...output.matchAll(/([\w$]+)\(\)\s+✘/g)].map((match) => match[1]!);
      if (exitCode === compileFailed)
        return { verdict: 'broken', failingTests: [], summary: firstLine(output, /error:/, 'does not compile') };
      if (exitCode === 2 || count('found') === 0)
        return { verdict: 'no-tests', failingTests: [], summary: 'no test found (name test classes *Test)' };
      if (exitCode === 0)
        return {
          verdict: 'pass',
          failingTests: [],
          summary: countsSummary({ failed: 0, passed: count('successful') }),
        };
      return {
        verdict: 'fail',
        failingTests,
        summary: countsSummary({ failed: count('failed'), passed: count('successful') }),
      };
    },
  };
}
