import type { Kata } from '../kata.ts';
import { code, goCode, markdown } from '../source-text.ts';

export const romanNumerals: Kata = {
  id: 'roman-numerals',
  title: 'Roman Numerals',
  summary: 'Convert whole numbers from 1 to 3999 into Roman numerals, and back again.',
  difficulty: 'easy',
  tags: ['tdd', 'beginner', 'algorithms'],
  description: markdown`
    ## The problem
    The Romans wrote numbers with letters: **I** = 1, **V** = 5, **X** = 10, **L** = 50, **C** = 100,
    **D** = 500, **M** = 1000. Write a function that converts a number from 1 to 3999 into its Roman numeral.

    ## Rules
    - Symbols are written from largest to smallest and added up: VIII = 5 + 3 = 8, MDCLXVI = 1666.
    - A symbol is never repeated more than three times in a row.
    - Instead, a smaller symbol placed *before* a larger one is subtracted: IV = 4, IX = 9, XL = 40,
      XC = 90, CD = 400, CM = 900. Only I, X and C are subtracted, and only from the next two larger symbols.
    - There is no zero and no negative number.

    ## Examples
    | number | numeral |
    |---|---|
    | 1 | I |
    | 3 | III |
    | 4 | IV |
    | 9 | IX |
    | 14 | XIV |
    | 40 | XL |
    | 99 | XCIX |
    | 1990 | MCMXC |
    | 2024 | MMXXIV |
    | 3999 | MMMCMXCIX |

    ## Suggested steps
    1. Start with 1 → I, then 2 → II and 3 → III. Notice the duplication before you remove it.
    2. Add 5 and 10, then 4 and 9: does the subtraction rule need special code, or just more data?
    3. Grow to the hundreds and thousands with one test per new symbol.
    4. Decide, with a test, what happens for 0 or 4000.
    5. And back again: \`fromRoman\` turns a numeral into its number (the starter has its first test).
       Refuse invalid numerals such as IIII, IC or VV.

    ## Going further
    - Property-based test: converting to Roman and back gives the original number for every 1..3999.
  `,
  starters: {
    typescript: {
      files: {
        'roman-numerals.ts': code`
          /** The Roman numeral for n, 1 ≤ n ≤ 3999. */
          export function toRoman(n: number): string {
            throw new Error('Not implemented yet');
          }

          /** The number a Roman numeral stands for ("and back again"); throws on an invalid numeral such as IIII. */
          export function fromRoman(numeral: string): number {
            throw new Error('Not implemented yet');
          }
        `,
        'roman-numerals.test.ts': code`
          import assert from 'node:assert/strict';
          import { test } from 'node:test';
          import { fromRoman, toRoman } from './roman-numerals.ts';

          test('1 is I', () => {
            assert.equal(toRoman(1), 'I');
          });

          test('2 is II', () => {
            assert.equal(toRoman(2), 'II');
          });

          test('and back again: I is 1', () => {
            assert.equal(fromRoman('I'), 1);
          });
        `,
      },
    },
    python: {
      files: {
        'roman_numerals.py': code`
          def to_roman(n: int) -> str:
              """The Roman numeral for n, 1 <= n <= 3999."""
              raise NotImplementedError("not implemented yet")


          def from_roman(numeral: str) -> int:
              """The number a Roman numeral stands for ("and back again"); raises ValueError on IIII and the like."""
              raise NotImplementedError("not implemented yet")
        `,
        'test_roman_numerals.py': code`
          from roman_numerals import from_roman, to_roman


          def test_one_is_i():
              assert to_roman(1) == "I"


          def test_two_is_ii():
              assert to_roman(2) == "II"


          def test_and_back_again_i_is_one():
              assert from_roman("I") == 1
        `,
      },
    },
    java: {
      files: {
        'src/main/java/kata/RomanNumerals.java': code`
          package kata;

          public class RomanNumerals {
              /** The Roman numeral for n, 1 <= n <= 3999. */
              public static String toRoman(int n) {
                  throw new UnsupportedOperationException("Not implemented yet");
              }

              /** The number a Roman numeral stands for ("and back again"); throws on an invalid numeral such as IIII. */
              public static int fromRoman(String numeral) {
                  throw new UnsupportedOperationException("Not implemented yet");
              }
          }
        `,
        'src/test/java/kata/RomanNumeralsTest.java': code`
          package kata;

          import static org.junit.jupiter.api.Assertions.assertEquals;

          import org.junit.jupiter.api.Test;

          class RomanNumeralsTest {
              @Test
              void oneIsI() {
                  assertEquals("I", RomanNumerals.toRoman(1));
              }

              @Test
              void twoIsII() {
                  assertEquals("II", RomanNumerals.toRoman(2));
              }

              @Test
              void andBackAgainIIsOne() {
                  assertEquals(1, RomanNumerals.fromRoman("I"));
              }
          }
        `,
      },
    },
    go: {
      files: {
        'roman.go': goCode`
          package roman

          // ToRoman returns the Roman numeral for n, 1 <= n <= 3999.
          func ToRoman(n int) string {
              panic("not implemented yet")
          }

          // FromRoman returns the number a Roman numeral stands for ("and back again"),
          // or an error for an invalid numeral such as IIII.
          func FromRoman(numeral string) (int, error) {
              panic("not implemented yet")
          }
        `,
        'roman_test.go': goCode`
          package roman

          import "testing"

          func TestOneIsI(t *testing.T) {
              if got := ToRoman(1); got != "I" {
                  t.Errorf("ToRoman(1) = %q, want %q", got, "I")
              }
          }

          func TestTwoIsII(t *testing.T) {
              if got := ToRoman(2); got != "II" {
                  t.Errorf("ToRoman(2) = %q, want %q", got, "II")
              }
          }

          func TestAndBackAgainIIsOne(t *testing.T) {
              if got, err := FromRoman("I"); err != nil || got != 1 {
                  t.Errorf("FromRoman(\"I\") = %d, %v, want 1, nil", got, err)
              }
          }
        `,
      },
    },
  },
};
