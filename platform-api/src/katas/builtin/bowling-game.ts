import type { Kata } from '../kata.ts';
import { code, goCode, markdown } from '../source-text.ts';

export const bowlingGame: Kata = {
  id: 'bowling-game',
  title: 'Bowling Game',
  summary: 'Score a game of ten-pin bowling from the sequence of rolls, strikes and spares included.',
  difficulty: 'medium',
  tags: ['tdd', 'state', 'classic'],
  description: markdown`
    ## The problem
    Write a \`Game\` with two operations:

    - \`roll(pins)\` is called each time the player rolls a ball, with the number of pins knocked down;
    - \`score()\` is called at the very end of the game and returns the total score.

    No need to validate rolls or to keep the score of each frame: just the total of a complete game.

    ## Rules
    - A game has **10 frames**. In each frame the player has two rolls to knock down 10 pins.
    - **Open frame**: fewer than 10 pins in two rolls; the frame scores the pins knocked down.
    - **Spare**: all 10 pins in two rolls; the frame scores 10 plus the pins of the **next roll**.
    - **Strike**: all 10 pins on the first roll; the frame ends at once and scores 10 plus the pins of the
      **next two rolls**.
    - In the **10th frame**, a spare earns one bonus roll and a strike earns two, so the frame can have
      three rolls. Bonus rolls only count towards the 10th frame's score.

    ## Examples
    | rolls | score |
    |---|---|
    | 20 × 0 (gutter game) | 0 |
    | 20 × 1 | 20 |
    | 5, 5, 3, then 17 × 0 | 16 (spare: 10 + 3, then 3) |
    | 10, 3, 4, then 16 × 0 | 24 (strike: 10 + 3 + 4, then 7) |
    | 12 × 10 (perfect game) | 300 |
    | 21 × 5 | 150 |

    ## Suggested steps
    1. Gutter game, then all ones. Extract a helper to roll many times.
    2. One spare. You will feel the urge to track frames: the design question of this kata is *where*.
    3. One strike, then the perfect game.
    4. Refactor until \`score()\` reads like the rules above.

    ## Going further
    - Reject impossible input (more than 10 pins in a frame, rolls after the game ended).
    - Report the running score of every frame, as on a real score sheet.
  `,
  starters: {
    typescript: {
      files: {
        'bowling-game.ts': code`
          export class Game {
            /** Records a roll that knocked down the given number of pins. */
            roll(pins: number): void {
              throw new Error('Not implemented yet');
            }

            /** The total score of a complete game. */
            score(): number {
              throw new Error('Not implemented yet');
            }
          }
        `,
        'bowling-game.test.ts': code`
          import assert from 'node:assert/strict';
          import { test } from 'node:test';
          import { Game } from './bowling-game.ts';

          test('a gutter game scores 0', () => {
            const game = new Game();
            for (let i = 0; i < 20; i++) game.roll(0);
            assert.equal(game.score(), 0);
          });

          test('a game of all ones scores 20', () => {
            const game = new Game();
            for (let i = 0; i < 20; i++) game.roll(1);
            assert.equal(game.score(), 20);
          });
        `,
      },
    },
    python: {
      files: {
        'bowling_game.py': code`
          class Game:
              def roll(self, pins: int) -> None:
                  """Records a roll that knocked down the given number of pins."""
                  raise NotImplementedError("not implemented yet")

              def score(self) -> int:
                  """The total score of a complete game."""
                  raise NotImplementedError("not implemented yet")
        `,
        'test_bowling_game.py': code`
          from bowling_game import Game


          def roll_many(game, times, pins):
              for _ in range(times):
                  game.roll(pins)


          def test_gutter_game_scores_zero():
              game = Game()
              roll_many(game, 20, 0)
              assert game.score() == 0


          def test_all_ones_scores_twenty():
              game = Game()
              roll_many(game, 20, 1)
              assert game.score() == 20
        `,
      },
    },
    java: {
      files: {
        'src/main/java/kata/Game.java': code`
          package kata;

          public class Game {
              /** Records a roll that knocked down the given number of pins. */
              public void roll(int pins) {
                  throw new UnsupportedOperationException("Not implemented yet");
              }

              /** The total score of a complete game. */
              public int score() {
                  throw new UnsupportedOperationException("Not implemented yet");
              }
          }
        `,
        'src/test/java/kata/GameTest.java': code`
          package kata;

          import static org.junit.jupiter.api.Assertions.assertEquals;

          import org.junit.jupiter.api.Test;

          class GameTest {
              private final Game game = new Game();

              private void rollMany(int times, int pins) {
                  for (int i = 0; i < times; i++) {
                      game.roll(pins);
                  }
              }

              @Test
              void gutterGameScoresZero() {
                  rollMany(20, 0);
                  assertEquals(0, game.score());
              }

              @Test
              void allOnesScoresTwenty() {
                  rollMany(20, 1);
                  assertEquals(20, game.score());
              }
          }
        `,
      },
    },
    go: {
      files: {
        'bowling.go': goCode`
          package bowling

          // Game keeps the rolls of one game of ten-pin bowling.
          type Game struct{}

          // Roll records a roll that knocked down the given number of pins.
          func (g *Game) Roll(pins int) {
              panic("not implemented yet")
          }

          // Score returns the total score of a complete game.
          func (g *Game) Score() int {
              panic("not implemented yet")
          }
        `,
        'bowling_test.go': goCode`
          package bowling

          import "testing"

          func rollMany(g *Game, times, pins int) {
              for i := 0; i < times; i++ {
                  g.Roll(pins)
              }
          }

          func TestGutterGameScoresZero(t *testing.T) {
              g := &Game{}
              rollMany(g, 20, 0)
              if got := g.Score(); got != 0 {
                  t.Errorf("Score() = %d, want 0", got)
              }
          }

          func TestAllOnesScoresTwenty(t *testing.T) {
              g := &Game{}
              rollMany(g, 20, 1)
              if got := g.Score(); got != 20 {
                  t.Errorf("Score() = %d, want 20", got)
              }
          }
        `,
      },
    },
  },
};
