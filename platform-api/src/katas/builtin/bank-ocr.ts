import type { Kata } from '../kata.ts';
import { code, goCode, markdown } from '../source-text.ts';

export const bankOcr: Kata = {
  id: 'bank-ocr',
  title: 'Bank OCR',
  summary: 'Read account numbers drawn with pipes and underscores, validate their checksum, and guess fixes.',
  difficulty: 'hard',
  tags: ['tdd', 'parsing', 'user-stories'],
  description: markdown`
    ## The problem
    A bank's new scanning machine produces files of account numbers drawn with pipes and underscores. Each
    **entry** is four lines of 27 characters: three lines hold nine digits, each digit three characters wide,
    and the fourth line is blank. Work through the user stories in order.

            _  _     _  _  _  _  _ 
          | _| _||_||_ |_   ||_||_|
          ||_  _|  | _||_|  ||_| _|

    The entry above reads **123456789**. The ten digits look like this:

         _     _  _     _  _  _  _  _ 
        | |  | _| _||_||_ |_   ||_||_|
        |_|  ||_  _|  | _||_|  ||_| _|

    ## User story 1: read the numbers
    Parse one entry into its nine-digit account number. Every entry is well-formed at this stage.

    ## User story 2: validate the checksum
    An account number is valid when, with d1 the rightmost digit and d9 the leftmost,
    (d1 + 2·d2 + 3·d3 + … + 9·d9) mod 11 = 0. For example 345882865 is valid and 664371495 is not.

    ## User story 3: write the report
    Output one line per entry: the number, followed by **ERR** if its checksum fails, or, when some digit
    could not be read, the number with a **?** for each illegible digit followed by **ILL**:

        457508000
        664371495 ERR
        86110??36 ILL

    ## User story 4: fix scanning errors
    The scanner sometimes adds or drops a single pipe or underscore. When a number is ERR or ILL, try every
    change of one character: if exactly one valid number results, report it; if several do, report the
    original followed by **AMB** and the candidates, e.g. \`888888888 AMB ['888886888', '888888880', '888888988']\`.

    ## Suggested steps
    1. One digit at a time: zeros, then ones, then every digit in one entry.
    2. Keep the digit shapes as data that the tests and the code can both read.
    3. Each user story gets its own tests; refactor before starting the next story.
  `,
  starters: {
    typescript: {
      files: {
        'bank-ocr.ts': code`
          /** The nine-digit account number of one entry: three lines of 27 characters, joined by "\n". */
          export function parseAccountNumber(entry: string): string {
            throw new Error('Not implemented yet');
          }
        `,
        'bank-ocr.test.ts': code`
          import assert from 'node:assert/strict';
          import { test } from 'node:test';
          import { parseAccountNumber } from './bank-ocr.ts';

          const entry = (...lines: string[]) => lines.join('\n');

          test('an entry of zeros reads 000000000', () => {
            const zeros = entry(' _ '.repeat(9), '| |'.repeat(9), '|_|'.repeat(9));
            assert.equal(parseAccountNumber(zeros), '000000000');
          });

          test('an entry of ones reads 111111111', () => {
            const ones = entry('   '.repeat(9), '  |'.repeat(9), '  |'.repeat(9));
            assert.equal(parseAccountNumber(ones), '111111111');
          });
        `,
      },
    },
    python: {
      files: {
        'bank_ocr.py': code`
          def parse_account_number(entry: str) -> str:
              """The nine-digit account number of one entry: three lines of 27 characters, joined by "\n"."""
              raise NotImplementedError("not implemented yet")
        `,
        'test_bank_ocr.py': code`
          from bank_ocr import parse_account_number


          def entry(*lines):
              return "\n".join(lines)


          def test_an_entry_of_zeros_reads_000000000():
              zeros = entry(" _ " * 9, "| |" * 9, "|_|" * 9)
              assert parse_account_number(zeros) == "000000000"


          def test_an_entry_of_ones_reads_111111111():
              ones = entry("   " * 9, "  |" * 9, "  |" * 9)
              assert parse_account_number(ones) == "111111111"
        `,
      },
    },
    java: {
      files: {
        'src/main/java/kata/BankOcr.java': code`
          package kata;

          public class BankOcr {
              /** The nine-digit account number of one entry: three lines of 27 characters, joined by "\n". */
              public static String parseAccountNumber(String entry) {
                  throw new UnsupportedOperationException("Not implemented yet");
              }
          }
        `,
        'src/test/java/kata/BankOcrTest.java': code`
          package kata;

          import static org.junit.jupiter.api.Assertions.assertEquals;

          import org.junit.jupiter.api.Test;

          class BankOcrTest {
              private static String entry(String... lines) {
                  return String.join("\n", lines);
              }

              @Test
              void anEntryOfZerosReadsZeros() {
                  String zeros = entry(" _ ".repeat(9), "| |".repeat(9), "|_|".repeat(9));
                  assertEquals("000000000", BankOcr.parseAccountNumber(zeros));
              }

              @Test
              void anEntryOfOnesReadsOnes() {
                  String ones = entry("   ".repeat(9), "  |".repeat(9), "  |".repeat(9));
                  assertEquals("111111111", BankOcr.parseAccountNumber(ones));
              }
          }
        `,
      },
    },
    go: {
      files: {
        'bankocr.go': goCode`
          package bankocr

          // ParseAccountNumber returns the nine-digit account number of one entry:
          // three lines of 27 characters, joined by "\n".
          func ParseAccountNumber(entry string) string {
              panic("not implemented yet")
          }
        `,
        'bankocr_test.go': goCode`
          package bankocr

          import (
              "strings"
              "testing"
          )

          func entry(lines ...string) string {
              return strings.Join(lines, "\n")
          }

          func TestAnEntryOfZerosReadsZeros(t *testing.T) {
              zeros := entry(strings.Repeat(" _ ", 9), strings.Repeat("| |", 9), strings.Repeat("|_|", 9))
              if got := ParseAccountNumber(zeros); got != "000000000" {
                  t.Errorf("ParseAccountNumber = %q, want %q", got, "000000000")
              }
          }

          func TestAnEntryOfOnesReadsOnes(t *testing.T) {
              ones := entry(strings.Repeat("   ", 9), strings.Repeat("  |", 9), strings.Repeat("  |", 9))
              if got := ParseAccountNumber(ones); got != "111111111" {
                  t.Errorf("ParseAccountNumber = %q, want %q", got, "111111111")
              }
          }
        `,
      },
    },
  },
};
