import type { Kata } from '../kata.ts';
import { code, goCode, markdown } from '../source-text.ts';

export const marsRover: Kata = {
  id: 'mars-rover',
  title: 'Mars Rover',
  summary: 'Drive a rover across a wrapping grid with L, R and M commands, stopping before obstacles.',
  difficulty: 'medium',
  tags: ['tdd', 'state', 'design'],
  description: markdown`
    ## The problem
    A rover lands on a **10 × 10** grid at position \`0:0\`, facing **North**. It receives a string of
    commands and reports where it ends up as \`x:y:D\`, where D is N, E, S or W.

    ## Rules
    - \`L\` and \`R\` turn the rover 90° left or right without moving it.
    - \`M\` moves it one square forward in the direction it faces. North increases y, East increases x.
    - The planet is round: moving off one edge brings the rover back on the opposite edge
      (from \`0:9:N\`, \`M\` leads to \`0:0:N\`).
    - Some squares hold **obstacles**. The rover never enters one: it stops on the last free square, ignores
      the remaining commands and reports \`O:x:y:D\` (O for obstacle).

    ## Examples
    | commands | result |
    |---|---|
    | *(none)* | 0:0:N |
    | R | 0:0:E |
    | LL | 0:0:S |
    | MMM | 0:3:N |
    | MMRMMLM | 2:3:N |
    | MMMMMMMMMM | 0:0:N |
    | MMMM with an obstacle at 0:3 | O:0:2:N |

    ## Suggested steps
    1. No command: the rover reports its landing position.
    2. Turning right, then left, all the way round. Is a direction a value with behaviour?
    3. Moving in each direction, then wrapping at each edge.
    4. Obstacles, given to the rover with the grid.

    ## Going further
    - Backward moves (\`B\`), grids of any size, several rovers that must not collide.
    - Reject unknown commands with a clear error instead of ignoring them.
  `,
  starters: {
    typescript: {
      files: {
        'mars-rover.ts': code`
          export class MarsRover {
            /** Executes the commands (L, R, M) and returns the final position as "x:y:D". */
            execute(commands: string): string {
              throw new Error('Not implemented yet');
            }
          }
        `,
        'mars-rover.test.ts': code`
          import assert from 'node:assert/strict';
          import { test } from 'node:test';
          import { MarsRover } from './mars-rover.ts';

          test('a rover that received no command is where it landed, facing North', () => {
            assert.equal(new MarsRover().execute(''), '0:0:N');
          });

          test('turning right makes it face East', () => {
            assert.equal(new MarsRover().execute('R'), '0:0:E');
          });
        `,
      },
    },
    python: {
      files: {
        'mars_rover.py': code`
          class MarsRover:
              def execute(self, commands: str) -> str:
                  """Executes the commands (L, R, M) and returns the final position as "x:y:D"."""
                  raise NotImplementedError("not implemented yet")
        `,
        'test_mars_rover.py': code`
          from mars_rover import MarsRover


          def test_without_commands_it_is_where_it_landed_facing_north():
              assert MarsRover().execute("") == "0:0:N"


          def test_turning_right_makes_it_face_east():
              assert MarsRover().execute("R") == "0:0:E"
        `,
      },
    },
    java: {
      files: {
        'src/main/java/kata/MarsRover.java': code`
          package kata;

          public class MarsRover {
              /** Executes the commands (L, R, M) and returns the final position as "x:y:D". */
              public String execute(String commands) {
                  throw new UnsupportedOperationException("Not implemented yet");
              }
          }
        `,
        'src/test/java/kata/MarsRoverTest.java': code`
          package kata;

          import static org.junit.jupiter.api.Assertions.assertEquals;

          import org.junit.jupiter.api.Test;

          class MarsRoverTest {
              @Test
              void withoutCommandsItIsWhereItLandedFacingNorth() {
                  assertEquals("0:0:N", new MarsRover().execute(""));
              }

              @Test
              void turningRightMakesItFaceEast() {
                  assertEquals("0:0:E", new MarsRover().execute("R"));
              }
          }
        `,
      },
    },
    go: {
      files: {
        'rover.go': goCode`
          package rover

          // Rover drives on a 10 x 10 grid that wraps around at the edges.
          type Rover struct{}

          // Execute runs the commands (L, R, M) and returns the final position as "x:y:D".
          func (r *Rover) Execute(commands string) string {
              panic("not implemented yet")
          }
        `,
        'rover_test.go': goCode`
          package rover

          import "testing"

          func TestWithoutCommandsItIsWhereItLandedFacingNorth(t *testing.T) {
              if got := (&Rover{}).Execute(""); got != "0:0:N" {
                  t.Errorf("Execute(\"\") = %q, want %q", got, "0:0:N")
              }
          }

          func TestTurningRightMakesItFaceEast(t *testing.T) {
              if got := (&Rover{}).Execute("R"); got != "0:0:E" {
                  t.Errorf("Execute(\"R\") = %q, want %q", got, "0:0:E")
              }
          }
        `,
      },
    },
  },
};
