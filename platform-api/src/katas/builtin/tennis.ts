import type { Kata } from '../kata.ts';
import { code, goCode, markdown } from '../source-text.ts';

export const tennis: Kata = {
  id: 'tennis',
  title: 'Tennis',
  summary: 'Keep the score of a tennis game: Love, Fifteen, Thirty, Forty, Deuce, Advantage and Win.',
  difficulty: 'medium',
  tags: ['tdd', 'state', 'naming'],
  description: markdown`
    ## The problem
    Write a \`TennisGame\` between two named players. It is told each time a player wins a point and can say
    the score of the current game at any moment, the way an umpire would announce it.

    ## Rules
    - Points are called **Love** (0), **Fifteen** (1), **Thirty** (2) and **Forty** (3). The server's score
      (first player) is said first: "Fifteen-Love", "Thirty-Forty".
    - An equal score is said with "-All": "Love-All", "Fifteen-All", "Thirty-All".
    - When both players have at least three points and the scores are equal, it is **"Deuce"**.
    - After deuce, one point ahead is **"Advantage"** for that player: "Advantage Serena".
    - A player with at least four points and two ahead wins: **"Win for Serena"**.

    ## Examples (Serena serves, against Venus)
    | points won, in order | score |
    |---|---|
    | *(none)* | Love-All |
    | Serena | Fifteen-Love |
    | Serena, Venus | Fifteen-All |
    | Serena, Serena, Serena | Forty-Love |
    | Serena ×3, Venus ×3 | Deuce |
    | Serena ×3, Venus ×4 | Advantage Venus |
    | Serena ×4 | Win for Serena |
    | Serena ×3, Venus ×3, Serena, Venus, Serena, Serena | Win for Serena |

    ## Suggested steps
    1. A new game is "Love-All". Then one point for the server.
    2. Every early score, then "Deuce", "Advantage" and "Win". A table-driven test keeps this readable.
    3. Refactor for names: could a reader check your code against the rules above, line by line?

    ## Going further
    - Emily Bache's *Tennis Refactoring Kata* ships three tangled implementations of this same game:
      refactor one of them safely with these tests.
    - Keep the score of sets and matches, with tie-breaks.
  `,
  starters: {
    typescript: {
      files: {
        'tennis.ts': code`
          export class TennisGame {
            readonly server: string;
            readonly receiver: string;

            constructor(server: string, receiver: string) {
              this.server = server;
              this.receiver = receiver;
            }

            /** Records a point won by the named player. */
            pointWonBy(player: string): void {
              throw new Error('Not implemented yet');
            }

            /** The score as an umpire announces it, e.g. "Fifteen-Love", "Deuce", "Advantage Serena". */
            score(): string {
              throw new Error('Not implemented yet');
            }
          }
        `,
        'tennis.test.ts': code`
          import assert from 'node:assert/strict';
          import { test } from 'node:test';
          import { TennisGame } from './tennis.ts';

          test('a new game is Love-All', () => {
            assert.equal(new TennisGame('Serena', 'Venus').score(), 'Love-All');
          });

          test('a first point for the server is Fifteen-Love', () => {
            const game = new TennisGame('Serena', 'Venus');
            game.pointWonBy('Serena');
            assert.equal(game.score(), 'Fifteen-Love');
          });
        `,
      },
    },
    python: {
      files: {
        'tennis.py': code`
          class TennisGame:
              def __init__(self, server: str, receiver: str) -> None:
                  self.server = server
                  self.receiver = receiver

              def point_won_by(self, player: str) -> None:
                  """Records a point won by the named player."""
                  raise NotImplementedError("not implemented yet")

              def score(self) -> str:
                  """The score as an umpire announces it, e.g. "Fifteen-Love", "Deuce", "Advantage Serena"."""
                  raise NotImplementedError("not implemented yet")
        `,
        'test_tennis.py': code`
          from tennis import TennisGame


          def test_a_new_game_is_love_all():
              assert TennisGame("Serena", "Venus").score() == "Love-All"


          def test_a_first_point_for_the_server_is_fifteen_love():
              game = TennisGame("Serena", "Venus")
              game.point_won_by("Serena")
              assert game.score() == "Fifteen-Love"
        `,
      },
    },
    java: {
      files: {
        'src/main/java/kata/TennisGame.java': code`
          package kata;

          public class TennisGame {
              private final String server;
              private final String receiver;

              public TennisGame(String server, String receiver) {
                  this.server = server;
                  this.receiver = receiver;
              }

              /** Records a point won by the named player. */
              public void pointWonBy(String player) {
                  throw new UnsupportedOperationException("Not implemented yet");
              }

              /** The score as an umpire announces it, e.g. "Fifteen-Love", "Deuce", "Advantage Serena". */
              public String score() {
                  throw new UnsupportedOperationException("Not implemented yet");
              }
          }
        `,
        'src/test/java/kata/TennisGameTest.java': code`
          package kata;

          import static org.junit.jupiter.api.Assertions.assertEquals;

          import org.junit.jupiter.api.Test;

          class TennisGameTest {
              @Test
              void aNewGameIsLoveAll() {
                  assertEquals("Love-All", new TennisGame("Serena", "Venus").score());
              }

              @Test
              void aFirstPointForTheServerIsFifteenLove() {
                  TennisGame game = new TennisGame("Serena", "Venus");
                  game.pointWonBy("Serena");
                  assertEquals("Fifteen-Love", game.score());
              }
          }
        `,
      },
    },
    go: {
      files: {
        'tennis.go': goCode`
          package tennis

          // Game keeps the score of one tennis game between a server and a receiver.
          type Game struct {
              Server   string
              Receiver string
          }

          // NewGame starts a game at Love-All.
          func NewGame(server, receiver string) *Game {
              return &Game{Server: server, Receiver: receiver}
          }

          // PointWonBy records a point won by the named player.
          func (g *Game) PointWonBy(player string) {
              panic("not implemented yet")
          }

          // Score returns the score as an umpire announces it, e.g. "Fifteen-Love", "Deuce", "Advantage Serena".
          func (g *Game) Score() string {
              panic("not implemented yet")
          }
        `,
        'tennis_test.go': goCode`
          package tennis

          import "testing"

          func TestANewGameIsLoveAll(t *testing.T) {
              if got := NewGame("Serena", "Venus").Score(); got != "Love-All" {
                  t.Errorf("Score() = %q, want %q", got, "Love-All")
              }
          }

          func TestAFirstPointForTheServerIsFifteenLove(t *testing.T) {
              g := NewGame("Serena", "Venus")
              g.PointWonBy("Serena")
              if got := g.Score(); got != "Fifteen-Love" {
                  t.Errorf("Score() = %q, want %q", got, "Fifteen-Love")
              }
          }
        `,
      },
    },
  },
};
