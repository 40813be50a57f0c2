import { countsSummary, firstLine, type Toolchain } from './toolchain.ts';

/** The Go toolchain and the build cache template a run copies in (see GoCacheTemplate). */
export interface GoInstall {
  goroot: string;
  /** A build cache holding the compiled standard library and `testing`, made by the runner itself. */
  cacheTemplate: string;
  /** Resolves once `cacheTemplate` exists. */
  ready?: Promise<void>;
}

/** The module file a kata without one gets: the starters are one package of the standard library only. */
export const defaultGoMod = 'module example.com/kata\n\ngo 1.19\n';

/** Offline, local toolchain only, no cgo: the starters use the standard library and nothing else. */
export const goOfflineEnv = {
  GOFLAGS: '-mod=mod',
  GOPROXY: 'off',
  GOTOOLCHAIN: 'local',
  GOWORK: 'off',
  GOTELEMETRY: 'off',
  CGO_ENABLED: '0',
} as const;

/** `go test` with the standard `testing` package; offline, local toolchain only, no vet (the run is about tests). */
export function goToolchain(install: GoInstall): Toolchain {
  return {
    language: 'go',
    ...(install.ready ? { ready: install.ready } : {}),
    mounts: [
      { host: install.goroot, at: '/opt/go' },
      { host: install.cacheTemplate, at: '/opt/go-build' },
    ],
    env: {
      PATH: '/opt/go/bin:/usr/bin:/bin',
      GOROOT: '/opt/go',
      GOCACHE: '/tmp/go-build',
      GOPATH: '/tmp/go',
      ...goOfflineEnv,
    },
    defaultFiles: (files): Record<string, string> => (files['go.mod'] ? {} : { 'go.mod': defaultGoMod }),
    // The copy of the warm cache makes a run compile only the kata's own package; the run's writes stay in its tmpfs.
    script: 'cp -R /opt/go-build /tmp/go-build && exec go test -count=1 -vet=off -v ./...',
    report(output, exitCode) {
      const failingTests = [...output.matchAll(/^\s*--- FAIL: (\S+)/gm)].map((match) => match[1]!);
      const passed = [...output.matchAll(/^\s*--- PASS: /gm)].length;
      if (/\[(build|setup) failed\]/.test(output) || (exitCode !== 0 && exitCode !== 1) || /^# \S+$/m.test(output))
        return {
          verdict: 'broken',
          failingTests: [],
          summary: firstLine(output, /\.go:\d+:\d+: /, 'does not compile'),
        };
      if (/no test files/.test(output) && passed === 0 && failingTests.length === 0)
        return { verdict: 'no-tests', failingTests: [], summary: 'no test found (name test files *_test.go)' };
      if (exitCode === 0) return { verdict: 'pass', failingTests: [], summary: countsSummary({ failed: 0, passed }) };
      return {
        verdict: 'fail',
        failingTests,
        summary: countsSummary({ failed: Math.max(failingTests.length, 1), passed }),
      };
    },
  };
}
