import { RunLanguages } from '@pocdojo/common/contracts/kata-runs';
import test from 'ava';
import { fizzbuzz } from './support/fizzbuzz-files.ts';
import { hostTestRunner, request } from './support/test-runner-fixture.ts';

const { runner } = await hostTestRunner();

for (const language of RunLanguages) {
  const kata = fizzbuzz[language];
  const available = runner.languages.includes(language);

  (available ? test : test.skip)(`${language}: failing tests are red, with their names`, async (t) => {
    const result = await runner.run(request(language, { ...kata.tests, ...kata.red }));
    t.is(result.colour, 'red', result.output);
    t.is(result.reason, undefined);
    t.true(result.failingTests.length >= 1, result.output);
    t.true(
      // Go stops at the first panic, Java's red starter fails only the Fizz case.
      result.failingTests.some((name) => /one|One|1|three|Three|3/.test(name)),
      `failing tests: ${result.failingTests.join(', ')}`,
    );
    t.regex(result.summary, /failed/);
  });

  (available ? test : test.skip)(`${language}: passing tests are green`, async (t) => {
    const result = await runner.run(request(language, { ...kata.tests, ...kata.green }));
    t.is(result.colour, 'green', result.output);
    t.deepEqual(result.failingTests, []);
    t.regex(result.summary, /2 passed/);
  });

  (available ? test : test.skip)(`${language}: code that does not compile is amber`, async (t) => {
    const result = await runner.run(request(language, { ...kata.tests, ...kata.broken }));
    t.is(result.colour, 'amber', result.output);
    t.is(result.reason, 'compile-error');
    t.regex(result.summary, /^does not compile/);
  });
}

test('a language without a toolchain on the runner is amber, not a crash', async (t) => {
  const result = await runner.run({ ...request('python', { 'a.py': '' }), language: 'cobol' as 'python' });
  t.is(result.colour, 'amber');
  t.is(result.reason, 'runner-error');
});
