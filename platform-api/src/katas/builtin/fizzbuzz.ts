import type { Kata } from '../kata.ts';
import { code, goCode, markdown } from '../source-text.ts';

export const fizzBuzz: Kata = {
  id: 'fizzbuzz',
  title: 'FizzBuzz',
  summary: 'Say the numbers from 1 to 100, replacing multiples of 3 and 5 with Fizz, Buzz and FizzBuzz.',
  difficulty: 'easy',
  tags: ['tdd', 'beginner', 'warm-up'],
  description: markdown`
    ## The problem
    A children's counting game. Players take turns to say the next number, starting from 1, but:

    - a number divisible by **3** is replaced by **Fizz**,
    - a number divisible by **5** is replaced by **Buzz**,
    - a number divisible by **both 3 and 5** is replaced by **FizzBuzz**.

    Write a function that takes a number and returns what the player says, then use it to print the game
    from 1 to 100.

    ## Examples
    | input | output |
    |---|---|
    | 1 | 1 |
    | 2 | 2 |
    | 3 | Fizz |
    | 5 | Buzz |
    | 6 | Fizz |
    | 10 | Buzz |
    | 15 | FizzBuzz |
    | 30 | FizzBuzz |

    ## Suggested steps
    1. Make the first test pass: 1 is said as "1". Resist writing the whole solution at once.
    2. Add one example at a time from the table above; let each new test fail before you make it pass.
    3. Refactor when the tests are green: is the order of the checks obvious to a reader?
    4. Print the sequence from 1 to 100.

    ## Going further
    - **Stage 2**: a number is also Fizz if it *contains* a 3, and Buzz if it contains a 5 (13 → Fizz, 52 → Buzz).
    - Make the rules data (a list of divisor → word) so that adding "7 → Whizz" changes no logic.
    - Constraint round: no \`if\` statements, or no modulo operator.
  `,
  starters: {
    typescript: {
      files: {
        'fizzbuzz.ts': code`
          /** What a player says for the number n (n ≥ 1). */
          export function fizzBuzz(n: number): string {
            throw new Error('Not implemented yet');
          }
        `,
        'fizzbuzz.test.ts': code`
          import assert from 'node:assert/strict';
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
    },
    python: {
      files: {
        'fizzbuzz.py': code`
          def fizz_buzz(n: int) -> str:
              """What a player says for the number n (n >= 1)."""
              raise NotImplementedError("not implemented yet")
        `,
        'test_fizzbuzz.py': code`
          from fizzbuzz import fizz_buzz


          def test_one_is_said_as_one():
              assert fizz_buzz(1) == "1"


          def test_three_is_said_as_fizz():
              assert fizz_buzz(3) == "Fizz"
        `,
      },
    },
    java: {
      files: {
        'src/main/java/kata/FizzBuzz.java': code`
          package kata;

          public class FizzBuzz {
              /** What a player says for the number n (n >= 1). */
              public static String say(int n) {
                  throw new UnsupportedOperationException("Not implemented yet");
              }
          }
        `,
        'src/test/java/kata/FizzBuzzTest.java': code`
          package kata;

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
    },
    go: {
      files: {
        'fizzbuzz.go': goCode`
          package fizzbuzz

          // Say returns what a player says for the number n (n >= 1).
          func Say(n int) string {
              panic("not implemented yet")
          }
        `,
        'fizzbuzz_test.go': goCode`
          package fizzbuzz

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
    },
  },
};
