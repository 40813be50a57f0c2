import type { Kata } from '../kata.ts';
import { code, goCode, markdown } from '../source-text.ts';

// The legacy code is the Gilded Rose Refactoring Kata (Terry Hughes; versions by Emily Bache, MIT licence),
// kept as tangled as the original on purpose: untangling it safely is the exercise.

export const gildedRose: Kata = {
  id: 'gilded-rose',
  title: 'Gilded Rose',
  summary: 'Refactor a tangled inventory system under a characterisation test, then add "Conjured" items.',
  difficulty: 'hard',
  tags: ['refactoring', 'legacy-code', 'characterisation-test'],
  description: markdown`
    ## The problem
    Welcome to the Gilded Rose, a small inn that buys and sells only the finest goods. Its inventory system
    was written by a developer who has moved on to new adventures. Your task: add a new category of items,
    **Conjured**, to \`updateQuality\`. First, though, the code must become something you can change safely.
    This kata starts **green**: a characterisation test records what the code does today.

    ## How the system works
    - Every item has a **SellIn** (days left to sell it) and a **Quality** (how valuable it is).
    - At the end of each day the system lowers both values for every item.
    - Once the sell-by date has passed, Quality degrades **twice** as fast.
    - Quality is never negative and never more than **50**.
    - **"Aged Brie"** increases in Quality the older it gets.
    - **"Sulfuras, Hand of Ragnaros"** is legendary: never sold, never loses Quality; its Quality is 80.
    - **"Backstage passes"** increase in Quality as the concert approaches: +2 when there are 10 days or
      less, +3 when there are 5 days or less, and drop to 0 after the concert.

    ## The change you were asked for
    **"Conjured"** items degrade in Quality twice as fast as normal items. The test for it is already written
    and marked as pending: enable it when the code is ready for it.

    ## Constraints
    - Do not change the **Item** class or its properties: it belongs to the goblin in the corner, who
      doesn't believe in shared code ownership. You may make \`updateQuality\` static and add new code.
    - Keep the characterisation test green after every small step. Commit (or call it out) each time.

    ## Suggested steps
    1. Read the characterisation test and run it. Add cases until every branch of the code is covered
       (try deleting a line: a test should fail).
    2. Refactor in tiny steps: extract the item name comparisons, invert conditions, split the loop body
       per kind of item. Let your IDE do the refactorings where it can.
    3. When each kind of item has its own place, add Conjured items test-first.

    ## Going further
    - Replace the one-day table with a golden master: print the whole inventory for 30 days and compare.
    - Try mutation testing to find the gaps in your characterisation test.
  `,
  starters: {
    typescript: {
      files: {
        'gilded-rose.ts': code`
          export class Item {
            name: string;
            sellIn: number;
            quality: number;

            constructor(name: string, sellIn: number, quality: number) {
              this.name = name;
              this.sellIn = sellIn;
              this.quality = quality;
            }
          }

          export class GildedRose {
            items: Array<Item>;

            constructor(items = [] as Array<Item>) {
              this.items = items;
            }

            updateQuality() {
              for (let i = 0; i < this.items.length; i++) {
                if (this.items[i].name != 'Aged Brie' && this.items[i].name != 'Backstage passes to a TAFKAL80ETC concert') {
                  if (this.items[i].quality > 0) {
                    if (this.items[i].name != 'Sulfuras, Hand of Ragnaros') {
                      this.items[i].quality = this.items[i].quality - 1
                    }
                  }
                } else {
                  if (this.items[i].quality < 50) {
                    this.items[i].quality = this.items[i].quality + 1
                    if (this.items[i].name == 'Backstage passes to a TAFKAL80ETC concert') {
                      if (this.items[i].sellIn < 11) {
                        if (this.items[i].quality < 50) {
                          this.items[i].quality = this.items[i].quality + 1
                        }
                      }
                      if (this.items[i].sellIn < 6) {
                        if (this.items[i].quality < 50) {
                          this.items[i].quality = this.items[i].quality + 1
                        }
                      }
                    }
                  }
                }
                if (this.items[i].name != 'Sulfuras, Hand of Ragnaros') {
                  this.items[i].sellIn = this.items[i].sellIn - 1;
                }
                if (this.items[i].sellIn < 0) {
                  if (this.items[i].name != 'Aged Brie') {
                    if (this.items[i].name != 'Backstage passes to a TAFKAL80ETC concert') {
                      if (this.items[i].quality > 0) {
                        if (this.items[i].name != 'Sulfuras, Hand of Ragnaros') {
                          this.items[i].quality = this.items[i].quality - 1
                        }
                      }
                    } else {
                      this.items[i].quality = this.items[i].quality - this.items[i].quality
                    }
                  } else {
                    if (this.items[i].quality < 50) {
                      this.items[i].quality = this.items[i].quality + 1
                    }
                  }
                }
              }

              return this.items;
            }
          }
        `,
        'gilded-rose.test.ts': code`
          import assert from 'node:assert/strict';
          import { test } from 'node:test';
          import { GildedRose, Item } from './gilded-rose.ts';

          const BACKSTAGE = 'Backstage passes to a TAFKAL80ETC concert';
          const SULFURAS = 'Sulfuras, Hand of Ragnaros';

          // Characterisation: what updateQuality does today, recorded before refactoring.
          // name, sellIn, quality before one day -> sellIn, quality after it.
          const observed: Array<[string, number, number, number, number]> = [
            ['+5 Dexterity Vest', 10, 20, 9, 19],
            ['+5 Dexterity Vest', 0, 20, -1, 18],
            ['Elixir of the Mongoose', 5, 0, 4, 0],
            ['Aged Brie', 2, 0, 1, 1],
            ['Aged Brie', 0, 48, -1, 50],
            ['Aged Brie', 5, 50, 4, 50],
            [SULFURAS, 0, 80, 0, 80],
            [SULFURAS, -1, 80, -1, 80],
            [BACKSTAGE, 15, 20, 14, 21],
            [BACKSTAGE, 10, 20, 9, 22],
            [BACKSTAGE, 5, 20, 4, 23],
            [BACKSTAGE, 5, 49, 4, 50],
            [BACKSTAGE, 0, 20, -1, 0],
            ['Conjured Mana Cake', 3, 6, 2, 5],
          ];

          test('one day of updateQuality does what the legacy code did', () => {
            for (const [name, sellIn, quality, sellInAfter, qualityAfter] of observed) {
              const [item] = new GildedRose([new Item(name, sellIn, quality)]).updateQuality();
              assert.deepEqual([item.sellIn, item.quality], [sellInAfter, qualityAfter], name + ' ' + sellIn + ' ' + quality);
            }
          });

          test('Conjured items degrade in quality twice as fast', { todo: 'the new feature' }, () => {
            const [item] = new GildedRose([new Item('Conjured Mana Cake', 3, 6)]).updateQuality();
            assert.equal(item.quality, 4);
          });
        `,
      },
    },
    python: {
      files: {
        'gilded_rose.py': code`
          # -*- coding: utf-8 -*-

          class GildedRose(object):

              def __init__(self, items):
                  self.items = items

              def update_quality(self):
                  for item in self.items:
                      if item.name != "Aged Brie" and item.name != "Backstage passes to a TAFKAL80ETC concert":
                          if item.quality > 0:
                              if item.name != "Sulfuras, Hand of Ragnaros":
                                  item.quality = item.quality - 1
                      else:
                          if item.quality < 50:
                              item.quality = item.quality + 1
                              if item.name == "Backstage passes to a TAFKAL80ETC concert":
                                  if item.sell_in < 11:
                                      if item.quality < 50:
                                          item.quality = item.quality + 1
                                  if item.sell_in < 6:
                                      if item.quality < 50:
                                          item.quality = item.quality + 1
                      if item.name != "Sulfuras, Hand of Ragnaros":
                          item.sell_in = item.sell_in - 1
                      if item.sell_in < 0:
                          if item.name != "Aged Brie":
                              if item.name != "Backstage passes to a TAFKAL80ETC concert":
                                  if item.quality > 0:
                                      if item.name != "Sulfuras, Hand of Ragnaros":
                                          item.quality = item.quality - 1
                              else:
                                  item.quality = item.quality - item.quality
                          else:
                              if item.quality < 50:
                                  item.quality = item.quality + 1


          class Item:
              def __init__(self, name, sell_in, quality):
                  self.name = name
                  self.sell_in = sell_in
                  self.quality = quality

              def __repr__(self):
                  return "%s, %s, %s" % (self.name, self.sell_in, self.quality)
        `,
        'test_gilded_rose.py': code`
          import pytest

          from gilded_rose import GildedRose, Item

          BACKSTAGE = "Backstage passes to a TAFKAL80ETC concert"
          SULFURAS = "Sulfuras, Hand of Ragnaros"

          # Characterisation: what update_quality does today, recorded before refactoring.
          # name, sell_in, quality before one day -> sell_in, quality after it.
          OBSERVED = [
              ("+5 Dexterity Vest", 10, 20, 9, 19),
              ("+5 Dexterity Vest", 0, 20, -1, 18),
              ("Elixir of the Mongoose", 5, 0, 4, 0),
              ("Aged Brie", 2, 0, 1, 1),
              ("Aged Brie", 0, 48, -1, 50),
              ("Aged Brie", 5, 50, 4, 50),
              (SULFURAS, 0, 80, 0, 80),
              (SULFURAS, -1, 80, -1, 80),
              (BACKSTAGE, 15, 20, 14, 21),
              (BACKSTAGE, 10, 20, 9, 22),
              (BACKSTAGE, 5, 20, 4, 23),
              (BACKSTAGE, 5, 49, 4, 50),
              (BACKSTAGE, 0, 20, -1, 0),
              ("Conjured Mana Cake", 3, 6, 2, 5),
          ]


          @pytest.mark.parametrize("name, sell_in, quality, sell_in_after, quality_after", OBSERVED)
          def test_one_day_does_what_the_legacy_code_did(name, sell_in, quality, sell_in_after, quality_after):
              item = Item(name, sell_in, quality)
              GildedRose([item]).update_quality()
              assert (item.sell_in, item.quality) == (sell_in_after, quality_after)


          @pytest.mark.skip(reason="the new feature")
          def test_conjured_items_degrade_in_quality_twice_as_fast():
              item = Item("Conjured Mana Cake", 3, 6)
              GildedRose([item]).update_quality()
              assert item.quality == 4
        `,
      },
    },
    java: {
      files: {
        'src/main/java/kata/GildedRose.java': code`
          package kata;

          class GildedRose {
              Item[] items;

              public GildedRose(Item[] items) {
                  this.items = items;
              }

              public void updateQuality() {
                  for (int i = 0; i < items.length; i++) {
                      if (!items[i].name.equals("Aged Brie")
                              && !items[i].name.equals("Backstage passes to a TAFKAL80ETC concert")) {
                          if (items[i].quality > 0) {
                              if (!items[i].name.equals("Sulfuras, Hand of Ragnaros")) {
                                  items[i].quality = items[i].quality - 1;
                              }
                          }
                      } else {
                          if (items[i].quality < 50) {
                              items[i].quality = items[i].quality + 1;

                              if (items[i].name.equals("Backstage passes to a TAFKAL80ETC concert")) {
                                  if (items[i].sellIn < 11) {
                                      if (items[i].quality < 50) {
                                          items[i].quality = items[i].quality + 1;
                                      }
                                  }

                                  if (items[i].sellIn < 6) {
                                      if (items[i].quality < 50) {
                                          items[i].quality = items[i].quality + 1;
                                      }
                                  }
                              }
                          }
                      }

                      if (!items[i].name.equals("Sulfuras, Hand of Ragnaros")) {
                          items[i].sellIn = items[i].sellIn - 1;
                      }

                      if (items[i].sellIn < 0) {
                          if (!items[i].name.equals("Aged Brie")) {
                              if (!items[i].name.equals("Backstage passes to a TAFKAL80ETC concert")) {
                                  if (items[i].quality > 0) {
                                      if (!items[i].name.equals("Sulfuras, Hand of Ragnaros")) {
                                          items[i].quality = items[i].quality - 1;
                                      }
                                  }
                              } else {
                                  items[i].quality = items[i].quality - items[i].quality;
                              }
                          } else {
                              if (items[i].quality < 50) {
                                  items[i].quality = items[i].quality + 1;
                              }
                          }
                      }
                  }
              }
          }

          // Belongs to the goblin in the corner: do not change.
          class Item {
              public String name;

              public int sellIn;

              public int quality;

              public Item(String name, int sellIn, int quality) {
                  this.name = name;
                  this.sellIn = sellIn;
                  this.quality = quality;
              }

              @Override
              public String toString() {
                  return this.name + ", " + this.sellIn + ", " + this.quality;
              }
          }
        `,
        'src/test/java/kata/GildedRoseTest.java': code`
          package kata;

          import static org.junit.jupiter.api.Assertions.assertEquals;

          import org.junit.jupiter.api.Disabled;
          import org.junit.jupiter.api.Test;

          class GildedRoseTest {
              private static final String BACKSTAGE = "Backstage passes to a TAFKAL80ETC concert";
              private static final String SULFURAS = "Sulfuras, Hand of Ragnaros";

              // Characterisation: what updateQuality does today, recorded before refactoring.
              // name, sellIn, quality before one day -> sellIn, quality after it.
              private static final Object[][] OBSERVED = {
                  {"+5 Dexterity Vest", 10, 20, 9, 19},
                  {"+5 Dexterity Vest", 0, 20, -1, 18},
                  {"Elixir of the Mongoose", 5, 0, 4, 0},
                  {"Aged Brie", 2, 0, 1, 1},
                  {"Aged Brie", 0, 48, -1, 50},
                  {"Aged Brie", 5, 50, 4, 50},
                  {SULFURAS, 0, 80, 0, 80},
                  {SULFURAS, -1, 80, -1, 80},
                  {BACKSTAGE, 15, 20, 14, 21},
                  {BACKSTAGE, 10, 20, 9, 22},
                  {BACKSTAGE, 5, 20, 4, 23},
                  {BACKSTAGE, 5, 49, 4, 50},
                  {BACKSTAGE, 0, 20, -1, 0},
                  {"Conjured Mana Cake", 3, 6, 2, 5},
              };

              @Test
              void oneDayDoesWhatTheLegacyCodeDid() {
                  for (Object[] row : OBSERVED) {
                      Item item = new Item((String) row[0], (int) row[1], (int) row[2]);
                      new GildedRose(new Item[] {item}).updateQuality();
                      String before = row[0] + ", " + row[1] + ", " + row[2];
                      assertEquals(row[3], item.sellIn, "sellIn after " + before);
                      assertEquals(row[4], item.quality, "quality after " + before);
                  }
              }

              @Test
              @Disabled("the new feature")
              void conjuredItemsDegradeInQualityTwiceAsFast() {
                  Item item = new Item("Conjured Mana Cake", 3, 6);
                  new GildedRose(new Item[] {item}).updateQuality();
                  assertEquals(4, item.quality);
              }
          }
        `,
      },
    },
    go: {
      files: {
        'gildedrose.go': goCode`
          package gildedrose

          // Item belongs to the goblin in the corner: do not change.
          type Item struct {
              Name            string
              SellIn, Quality int
          }

          func UpdateQuality(items []*Item) {
              for i := 0; i < len(items); i++ {

                  if items[i].Name != "Aged Brie" && items[i].Name != "Backstage passes to a TAFKAL80ETC concert" {
                      if items[i].Quality > 0 {
                          if items[i].Name != "Sulfuras, Hand of Ragnaros" {
                              items[i].Quality = items[i].Quality - 1
                          }
                      }
                  } else {
                      if items[i].Quality < 50 {
                          items[i].Quality = items[i].Quality + 1
                          if items[i].Name == "Backstage passes to a TAFKAL80ETC concert" {
                              if items[i].SellIn < 11 {
                                  if items[i].Quality < 50 {
                                      items[i].Quality = items[i].Quality + 1
                                  }
                              }
                              if items[i].SellIn < 6 {
                                  if items[i].Quality < 50 {
                                      items[i].Quality = items[i].Quality + 1
                                  }
                              }
                          }
                      }
                  }

                  if items[i].Name != "Sulfuras, Hand of Ragnaros" {
                      items[i].SellIn = items[i].SellIn - 1
                  }

                  if items[i].SellIn < 0 {
                      if items[i].Name != "Aged Brie" {
                          if items[i].Name != "Backstage passes to a TAFKAL80ETC concert" {
                              if items[i].Quality > 0 {
                                  if items[i].Name != "Sulfuras, Hand of Ragnaros" {
                                      items[i].Quality = items[i].Quality - 1
                                  }
                              }
                          } else {
                              items[i].Quality = items[i].Quality - items[i].Quality
                          }
                      } else {
                          if items[i].Quality < 50 {
                              items[i].Quality = items[i].Quality + 1
                          }
                      }
                  }
              }

          }
        `,
        'gildedrose_test.go': goCode`
          package gildedrose

          import "testing"

          const (
              backstage = "Backstage passes to a TAFKAL80ETC concert"
              sulfuras  = "Sulfuras, Hand of Ragnaros"
          )

          // Characterisation: what UpdateQuality does today, recorded before refactoring.
          var observed = []struct {
              before          Item
              sellIn, quality int
          }{
              {Item{"+5 Dexterity Vest", 10, 20}, 9, 19},
              {Item{"+5 Dexterity Vest", 0, 20}, -1, 18},
              {Item{"Elixir of the Mongoose", 5, 0}, 4, 0},
              {Item{"Aged Brie", 2, 0}, 1, 1},
              {Item{"Aged Brie", 0, 48}, -1, 50},
              {Item{"Aged Brie", 5, 50}, 4, 50},
              {Item{sulfuras, 0, 80}, 0, 80},
              {Item{sulfuras, -1, 80}, -1, 80},
              {Item{backstage, 15, 20}, 14, 21},
              {Item{backstage, 10, 20}, 9, 22},
              {Item{backstage, 5, 20}, 4, 23},
              {Item{backstage, 5, 49}, 4, 50},
              {Item{backstage, 0, 20}, -1, 0},
              {Item{"Conjured Mana Cake", 3, 6}, 2, 5},
          }

          func TestOneDayDoesWhatTheLegacyCodeDid(t *testing.T) {
              for _, c := range observed {
                  item := c.before
                  UpdateQuality([]*Item{&item})
                  if item.SellIn != c.sellIn || item.Quality != c.quality {
                      t.Errorf("%+v after one day = %d, %d; want %d, %d", c.before, item.SellIn, item.Quality, c.sellIn, c.quality)
                  }
              }
          }

          func TestConjuredItemsDegradeInQualityTwiceAsFast(t *testing.T) {
              t.Skip("the new feature")
              item := Item{"Conjured Mana Cake", 3, 6}
              UpdateQuality([]*Item{&item})
              if item.Quality != 4 {
                  t.Errorf("Quality = %d, want 4", item.Quality)
              }
          }
        `,
      },
    },
  },
};
