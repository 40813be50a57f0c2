import { join } from 'node:path';
import test from 'ava';
import { patchScannerAllocation } from '../src/swift-grammar.ts';
import { checkSwiftTree, swiftFiles, swiftSyntaxProblems } from '../src/swift-syntax.ts';

const iosRoot = join(import.meta.dirname, '..');

test('every Swift file of the iOS package and app parses', async (t) => {
  const { files, report } = await checkSwiftTree(iosRoot);
  t.true(files >= 20, `expected the PocDojoKit and PocDojo sources, found ${files} Swift files`);
  t.deepEqual(report, [], `Swift syntax errors:\n${report.join('\n')}`);
});

test('the walk finds both the package and the app', async (t) => {
  const files = (await swiftFiles(iosRoot)).map((f) => f.slice(iosRoot.length + 1));
  t.true(files.includes('PocDojoKit/Package.swift'));
  t.true(files.some((f) => f.startsWith('PocDojoKit/Sources/PocDojoKit/')));
  t.true(files.some((f) => f.startsWith('PocDojoKit/Tests/PocDojoKitTests/')));
  t.true(files.some((f) => f.startsWith('PocDojo/')));
});

test('a missing brace is reported at its line', async (t) => {
  const problems = await swiftSyntaxProblems('struct Seat {\n  func name() -> String {\n    "driver"\n}\n');
  t.true(problems.length > 0);
  t.true(problems.some((p) => p.kind === 'missing' && p.token === '}'));
});

test('an unfinished expression is reported at its line and column', async (t) => {
  const problems = await swiftSyntaxProblems('import Foundation\n\nlet ok = 1\nlet broken = (1 +\n');
  t.true(problems.length > 0);
  t.is(problems[0]!.line, 4);
});

test('a text parses the same the second time (the grammar scanner fix holds)', async (t) => {
  const source = '#if canImport(UIKit)\nimport UIKit\n#endif\nlet raw = #"a "quoted" word"#\nlet here = f(#line)\n';
  for (let i = 0; i < 3; i++) t.deepEqual(await swiftSyntaxProblems(source), [], `parse ${i + 1}`);
});

test('modern Swift the sources rely on parses cleanly', async (t) => {
  const source = [
    'import Observation',
    '@MainActor @Observable public final class Model {',
    '  @ObservationIgnored private var task: Task<Void, Never>?',
    '  public private(set) var names: [String: Int] = [:]',
    '  func load() async throws -> Int {',
    '    let (a, b) = try await (one(), two())',
    '    guard case .some(let c) = a else { return 0 }',
    '    for await event in stream where event > c { print(event) }',
    '    return switch b { case 1: 2; default: 3 }',
    '  }',
    '}',
    'actor Box { var value = 0; func set(_ v: Int) { value = v } }',
    'struct V: View { @State private var q = ""; var body: some View { Text(q).task { await run() } } }',
    'if let q { print(q) }',
  ].join('\n');
  t.deepEqual(await swiftSyntaxProblems(source), []);
});

test('the grammar fix refuses a module that is not the expected build', (t) => {
  t.throws(() => patchScannerAllocation(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0])), {
    message: /not found/,
  });
});
