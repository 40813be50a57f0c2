import type { Kata } from '../kata.ts';
import { code, goCode, markdown } from '../source-text.ts';

export const gameOfLife: Kata = {
  id: 'game-of-life',
  title: 'Game of Life',
  summary: "Compute the next generation of Conway's Game of Life on a finite grid.",
  difficulty: 'medium',
  tags: ['tdd', 'simulation', 'coderetreat'],
  description: markdown`
    ## The problem
    Conway's Game of Life is played on a grid of cells, each **alive** (\`*\`) or **dead** (\`.\`). Every cell
    has eight neighbours: horizontal, vertical and diagonal. Write a function that takes a grid (one string per
    row) and returns the next generation. Cells outside the grid count as dead.

    ## Rules
    All cells change at the same time, from the current generation only:

    1. A live cell with **fewer than two** live neighbours dies (underpopulation).
    2. A live cell with **two or three** live neighbours lives on.
    3. A live cell with **more than three** live neighbours dies (overpopulation).
    4. A dead cell with **exactly three** live neighbours becomes alive (reproduction).

    ## Example
    The "blinker" flips between a horizontal and a vertical bar:

        .....      .....
        .....      ..*..
        .***.  ->  ..*..
        .....      ..*..
        .....      .....

    A 2 × 2 "block" never changes; a lone cell dies.

    ## Suggested steps
    1. An empty grid stays empty; a lone cell dies.
    2. Count neighbours. Test the corners and edges: they are where the bugs live.
    3. One test per rule. Keep the next generation separate from the current one.
    4. The blinker, then a glider over four generations.

    ## Going further (code retreat constraints)
    - Infinite grid: keep only the set of live cells.
    - No primitives across method boundaries; no conditionals; methods of at most four lines.
    - Delete your code after each 45-minute session and start again with a new pair.
  `,
  starters: {
    typescript: {
      files: {
        'game-of-life.ts': code`
          /** The next generation of a grid of rows, '*' for a live cell and '.' for a dead one. */
          export function nextGeneration(grid: readonly string[]): string[] {
            throw new Error('Not implemented yet');
          }
        `,
        'game-of-life.test.ts': code`
          import assert from 'node:assert/strict';
          import { test } from 'node:test';
          import { nextGeneration } from './game-of-life.ts';

          test('a lone cell dies of underpopulation', () => {
            assert.deepEqual(nextGeneration(['...', '.*.', '...']), ['...', '...', '...']);
          });

          test('a block stays as it is', () => {
            const block = ['....', '.**.', '.**.', '....'];
            assert.deepEqual(nextGeneration(block), block);
          });
        `,
      },
    },
    python: {
      files: {
        'game_of_life.py': code`
          def next_generation(grid: list[str]) -> list[str]:
              """The next generation of a grid of rows, '*' for a live cell and '.' for a dead one."""
              raise NotImplementedError("not implemented yet")
        `,
        'test_game_of_life.py': code`
          from game_of_life import next_generation


          def test_a_lone_cell_dies_of_underpopulation():
              assert next_generation(["...", ".*.", "..."]) == ["...", "...", "..."]


          def test_a_block_stays_as_it_is():
              block = ["....", ".**.", ".**.", "...."]
              assert next_generation(block) == block
        `,
      },
    },
    java: {
      files: {
        'src/main/java/kata/GameOfLife.java': code`
          package kata;

          import java.util.List;

          public class GameOfLife {
              /** The next generation of a grid of rows, '*' for a live cell and '.' for a dead one. */
              public static List<String> nextGeneration(List<String> grid) {
                  throw new UnsupportedOperationException("Not implemented yet");
              }
          }
        `,
        'src/test/java/kata/GameOfLifeTest.java': code`
          package kata;

          import static org.junit.jupiter.api.Assertions.assertEquals;

          import java.util.List;
          import org.junit.jupiter.api.Test;

          class GameOfLifeTest {
              @Test
              void aLoneCellDiesOfUnderpopulation() {
                  assertEquals(List.of("...", "...", "..."), GameOfLife.nextGeneration(List.of("...", ".*.", "...")));
              }

              @Test
              void aBlockStaysAsItIs() {
                  List<String> block = List.of("....", ".**.", ".**.", "....");
                  assertEquals(block, GameOfLife.nextGeneration(block));
              }
          }
        `,
      },
    },
    go: {
      files: {
        'life.go': goCode`
          package life

          // NextGeneration returns the next generation of a grid of rows,
          // '*' for a live cell and '.' for a dead one.
          func NextGeneration(grid []string) []string {
              panic("not implemented yet")
          }
        `,
        'life_test.go': goCode`
          package life

          import (
              "reflect"
              "testing"
          )

          func TestALoneCellDiesOfUnderpopulation(t *testing.T) {
              want := []string{"...", "...", "..."}
              if got := NextGeneration([]string{"...", ".*.", "..."}); !reflect.DeepEqual(got, want) {
                  t.Errorf("NextGeneration = %q, want %q", got, want)
              }
          }

          func TestABlockStaysAsItIs(t *testing.T) {
              block := []string{"....", ".**.", ".**.", "...."}
              if got := NextGeneration(block); !reflect.DeepEqual(got, block) {
                  t.Errorf("NextGeneration = %q, want %q", got, block)
              }
          }
        `,
      },
    },
  },
};
