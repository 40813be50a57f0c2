import { Migration } from '@mikro-orm/migrations';
import { canonicalLanguage, Languages } from '@pocdojo/common/contracts/languages';

/** `'it''s'`: an SQL string literal. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * POCs stored before the language catalogue have their languages lower-cased
 * ("typescript", "c#"): they take the catalogue's spelling ("TypeScript",
 * "C#"), aliases included ("golang" → "Go"), duplicates that this creates
 * dropped, order kept. Languages the catalogue does not know stay as they are;
 * tags too (their first spelling is lost). The version does not move: the
 * search index is rebuilt by a reindex (the embedded engine's snapshot format
 * changed with the synonyms, so it rebuilds by itself).
 */
export class Migration20261202040000CanonicalLanguages extends Migration {
  override async up(): Promise<void> {
    const spellings = Languages.flatMap(({ name, aliases }) => [name, ...aliases]);
    const cases = spellings
      .map((spelling) => `when ${literal(spelling.toLowerCase())} then ${literal(canonicalLanguage(spelling))}`)
      .join(' ');
    this.addSql(`
      update pocs set languages = array(
        select d.language from (
          select distinct on (lower(c.language)) c.language, c.n from (
            select case lower(l.language) ${cases} else l.language end as language, l.n
              from unnest(pocs.languages) with ordinality l(language, n)
          ) c order by lower(c.language), c.n
        ) d order by d.n)
      where cardinality(languages) > 0`);
  }
}
