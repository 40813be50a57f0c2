import type { Kata } from '../kata.ts';
import { code, goCode, markdown } from '../source-text.ts';

export const wordWrap: Kata = {
  id: 'word-wrap',
  title: 'Word Wrap',
  summary: 'Break a text into lines no longer than a given width, like a word processor does.',
  difficulty: 'easy',
  tags: ['tdd', 'strings', 'transformation-priority'],
  description: markdown`
    ## The problem
    Write a function \`wrap(text, width)\` that returns the text with line breaks (\`\\n\`) inserted so that
    no line is longer than \`width\` characters. Break lines at spaces where possible, as a word processor
    would; a word longer than a whole line is broken wherever it has to be.

    ## Rules
    - The space at which a line is broken is replaced by the line break (no trailing spaces).
    - A line is as long as it can be without exceeding the width.
    - Words longer than the width are cut into pieces of exactly \`width\` characters.
    - Width is at least 1.

    ## Examples
    | text | width | result |
    |---|---|---|
    | "" | 10 | "" |
    | "word" | 10 | "word" |
    | "word word" | 6 | "word\\nword" |
    | "word word" | 5 | "word\\nword" |
    | "longword" | 4 | "long\\nword" |
    | "a dog with a bone" | 6 | "a dog\\nwith a\\nbone" |

    ## Suggested steps
    1. Empty text, then a text shorter than the width.
    2. A single long word, then two words: where exactly do you break?
    3. Write each test with the smallest change that passes it. Uncle Bob uses this kata to show the
       *Transformation Priority Premise*: prefer simple transformations (constant → variable → conditional →
       loop → recursion) and notice when a test forces you into a harder one.
    4. Watch out for getting stuck: if a test needs a big jump, back out and pick a simpler test.

    ## Going further
    - Keep existing line breaks of the input; justify the lines to the full width.
  `,
  starters: {
    typescript: {
      files: {
        'word-wrap.ts': code`
          /** The text with line breaks so that no line is longer than width characters. */
          export function wrap(text: string, width: number): string {
            throw new Error('Not implemented yet');
          }
        `,
        'word-wrap.test.ts': code`
          import assert from 'node:assert/strict';
          import { test } from 'node:test';
          import { wrap } from './word-wrap.ts';

          test('an empty text stays empty', () => {
            assert.equal(wrap('', 10), '');
          });

          test('two words that do not fit on one line are put on two', () => {
            assert.equal(wrap('word word', 6), 'word\nword');
          });
        `,
      },
    },
    python: {
      files: {
        'word_wrap.py': code`
          def wrap(text: str, width: int) -> str:
              """The text with line breaks so that no line is longer than width characters."""
              raise NotImplementedError("not implemented yet")
        `,
        'test_word_wrap.py': code`
          from word_wrap import wrap


          def test_an_empty_text_stays_empty():
              assert wrap("", 10) == ""


          def test_two_words_that_do_not_fit_on_one_line_are_put_on_two():
              assert wrap("word word", 6) == "word\nword"
        `,
      },
    },
    java: {
      files: {
        'src/main/java/kata/WordWrap.java': code`
          package kata;

          public class WordWrap {
              /** The text with line breaks so that no line is longer than width characters. */
              public static String wrap(String text, int width) {
                  throw new UnsupportedOperationException("Not implemented yet");
              }
          }
        `,
        'src/test/java/kata/WordWrapTest.java': code`
          package kata;

          import static org.junit.jupiter.api.Assertions.assertEquals;

          import org.junit.jupiter.api.Test;

          class WordWrapTest {
              @Test
              void anEmptyTextStaysEmpty() {
                  assertEquals("", WordWrap.wrap("", 10));
              }

              @Test
              void twoWordsThatDoNotFitOnOneLineArePutOnTwo() {
                  assertEquals("word\nword", WordWrap.wrap("word word", 6));
              }
          }
        `,
      },
    },
    go: {
      files: {
        'wordwrap.go': goCode`
          package wordwrap

          // Wrap returns the text with line breaks so that no line is longer than width characters.
          func Wrap(text string, width int) string {
              panic("not implemented yet")
          }
        `,
        'wordwrap_test.go': goCode`
          package wordwrap

          import "testing"

          func TestAnEmptyTextStaysEmpty(t *testing.T) {
              if got := Wrap("", 10); got != "" {
                  t.Errorf("Wrap(\"\", 10) = %q, want %q", got, "")
              }
          }

          func TestTwoWordsThatDoNotFitOnOneLineArePutOnTwo(t *testing.T) {
              if got := Wrap("word word", 6); got != "word\nword" {
                  t.Errorf("Wrap(\"word word\", 6) = %q, want %q", got, "word\nword")
              }
          }
        `,
      },
    },
  },
};
