import type { RunLanguage } from '@pocdojo/common/contracts/kata-runs';

/**
 * FizzBuzz as the kata's starters lay it out (platform-api/src/katas/builtin/fizzbuzz.ts), in three states:
 * the starter (red), a solution (green), a syntax error (amber).
 */
export const fizzbuzz: Record<
  RunLanguage,
  {
    tests: Record<string, string>;
    red: Record<string, string>;
    green: Record<string, string>;
    broken: Record<string, string>;
  }
> = {
  typescript: {
    tests: {
      'fizzbuzz.test.ts': `import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fizzBuzz } from './fizzbuzz.ts';

test('1 is said as "1"', () => {
  assert.equal(fizzBuzz(1), '1');
});

test('3 is said as "Fizz"', () => {
  assert.equal(fizzBuzz(3), 'Fizz');
});
`,
    },
    red: {
      'fizzbuzz.ts': `export function fizzBuzz(n: number): string {\n  throw new Error('Not implemented yet');\n}\n`,
    },
    green: {
      'fizzbuzz.ts': `export function fizzBuzz(n: number): string {\n  return n % 3 === 0 ? 'Fizz' : String(n);\n}\n`,
    },
    broken: { 'fizzbuzz.ts': `export function fizzBuzz(n: number): string {\n  return n % ;\n}\n` },
  },
  python: {
    tests: {
      'test_fizzbuzz.py': `from fizzbuzz import fizz_buzz


def test_one_is_said_as_one():
    assert fizz_buzz(1) == "1"


def test_three_is_said_as_fizz():
    assert fizz_buzz(3) == "Fizz"
`,
    },
    red: { 'fizzbuzz.py': `def fizz_buzz(n: int) -> str:\n    raise NotImplementedError("not implemented yet")\n` },
    green: { 'fizzbuzz.py': `def fizz_buzz(n: int) -> str:\n    return "Fizz" if n % 3 == 0 else str(n)\n` },
    broken: { 'fizzbuzz.py': `def fizz_buzz(n: int) -> str\n    return str(n)\n` },
  },
  go: {
    tests: {
      'fizzbuzz_test.go': `package fizzbuzz

import "testing"

func TestOneIsSaidAsOne(t *testing.T) {
	if got := Say(1); got != "1" {
		t.Errorf("Say(1) = %q, want %q", got, "1")
	}
}

func TestThreeIsSaidAsFizz(t *testing.T) {
	if got := Say(3); got != "Fizz" {
		t.Errorf("Say(3) = %q, want %q", got, "Fizz")
	}
}
`,
    },
    red: { 'fizzbuzz.go': `package fizzbuzz\n\nfunc Say(n int) string {\n\tpanic("not implemented yet")\n}\n` },
    green: {
      'fizzbuzz.go': `package fizzbuzz\n\nimport "strconv"\n\nfunc Say(n int) string {\n\tif n%3 == 0 {\n\t\treturn "Fizz"\n\t}\n\treturn strconv.Itoa(n)\n}\n`,
    },
    broken: { 'fizzbuzz.go': `package fizzbuzz\n\nfunc Say(n int) string {\n\treturn n +\n}\n` },
  },
  java: {
    tests: {
      'src/test/java/kata/FizzBuzzTest.java': `package kata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FizzBuzzTest {
    @Test
    void oneIsSaidAsOne() {
        assertEquals("1", FizzBuzz.say(1));
    }

    @Test
    void threeIsSaidAsFizz() {
        assertEquals("Fizz", FizzBuzz.say(3));
    }
}
`,
    },
    red: {
      'src/main/java/kata/FizzBuzz.java': `package kata;\n\npublic class FizzBuzz {\n    public static String say(int n) {\n        return String.valueOf(n);\n    }\n}\n`,
    },
    green: {
      'src/main/java/kata/FizzBuzz.java': `package kata;\n\npublic class FizzBuzz {\n    public static String say(int n) {\n        return n % 3 == 0 ? "Fizz" : String.valueOf(n);\n    }\n}\n`,
    },
    broken: {
      'src/main/java/kata/FizzBuzz.java': `package kata;\n\npublic class FizzBuzz {\n    public static String say(int n) {\n        return n +;\n    }\n}\n`,
    },
  },
};
