import type { Kata } from '../kata.ts';
import { code, goCode, markdown } from '../source-text.ts';

export const stringCalculator: Kata = {
  id: 'string-calculator',
  title: 'String Calculator',
  summary: 'Add the numbers in a string, one small requirement at a time, without reading ahead.',
  difficulty: 'easy',
  tags: ['tdd', 'parsing', 'incremental'],
  description: markdown`
    ## The problem
    Roy Osherove's kata: write a method \`add(numbers)\` that takes a string and returns the sum of the numbers
    in it. Work through the steps **in order**, and don't read ahead: the point is to let the design grow one
    requirement at a time, with a refactoring step after each.

    ## Steps
    1. An empty string returns **0**; one number returns that number: \`"1"\` → 1.
    2. Two numbers separated by a comma return their sum: \`"1,2"\` → 3.
    3. Any amount of numbers: \`"1,2,3,4"\` → 10.
    4. New lines are separators too: \`"1\\n2,3"\` → 6. (\`"1,\\n"\` is invalid input; you need not handle it.)
    5. A custom separator may be declared on a first line: \`"//;\\n1;2"\` → 3. The default separators still work.
    6. Negative numbers are refused with an error listing them all: \`"1,-2,-5"\` →
       *negatives not allowed: -2, -5*.
    7. Numbers bigger than 1000 are ignored: \`"2,1001"\` → 2.
    8. A separator can be of any length: \`"//[***]\\n1***2***3"\` → 6.
    9. Several separators: \`"//[*][%]\\n1*2%3"\` → 6, also of any length.

    ## Hints for the facilitator
    - Timebox to 30 minutes and see how far the pair gets: finishing is not the goal.
    - Ask for a refactoring after every green step; steps 5 and 8 reward a clean parser.
    - Test only valid input except where a step says otherwise.
  `,
  starters: {
    typescript: {
      files: {
        'string-calculator.ts': code`
          /** The sum of the numbers in the string. */
          export function add(numbers: string): number {
            throw new Error('Not implemented yet');
          }
        `,
        'string-calculator.test.ts': code`
          import assert from 'node:assert/strict';
          import { test } from 'node:test';
          import { add } from './string-calculator.ts';

          test('an empty string adds up to 0', () => {
            assert.equal(add(''), 0);
          });

          test('a single number adds up to itself', () => {
            assert.equal(add('1'), 1);
          });
        `,
      },
    },
    python: {
      files: {
        'string_calculator.py': code`
          def add(numbers: str) -> int:
              """The sum of the numbers in the string."""
              raise NotImplementedError("not implemented yet")
        `,
        'test_string_calculator.py': code`
          from string_calculator import add


          def test_an_empty_string_adds_up_to_zero():
              assert add("") == 0


          def test_a_single_number_adds_up_to_itself():
              assert add("1") == 1
        `,
      },
    },
    java: {
      files: {
        'src/main/java/kata/StringCalculator.java': code`
          package kata;

          public class StringCalculator {
              /** The sum of the numbers in the string. */
              public int add(String numbers) {
                  throw new UnsupportedOperationException("Not implemented yet");
              }
          }
        `,
        'src/test/java/kata/StringCalculatorTest.java': code`
          package kata;

          import static org.junit.jupiter.api.Assertions.assertEquals;

          import org.junit.jupiter.api.Test;

          class StringCalculatorTest {
              private final StringCalculator calculator = new StringCalculator();

              @Test
              void anEmptyStringAddsUpToZero() {
                  assertEquals(0, calculator.add(""));
              }

              @Test
              void aSingleNumberAddsUpToItself() {
                  assertEquals(1, calculator.add("1"));
              }
          }
        `,
      },
    },
    go: {
      files: {
        'calculator.go': goCode`
          package calculator

          // Add returns the sum of the numbers in the string.
          func Add(numbers string) (int, error) {
              panic("not implemented yet")
          }
        `,
        'calculator_test.go': goCode`
          package calculator

          import "testing"

          func TestAnEmptyStringAddsUpToZero(t *testing.T) {
              if got, err := Add(""); err != nil || got != 0 {
                  t.Errorf("Add(\"\") = %d, %v; want 0, nil", got, err)
              }
          }

          func TestASingleNumberAddsUpToItself(t *testing.T) {
              if got, err := Add("1"); err != nil || got != 1 {
                  t.Errorf("Add(\"1\") = %d, %v; want 1, nil", got, err)
              }
          }
        `,
      },
    },
  },
};
