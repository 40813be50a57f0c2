import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { checkCatalogues } from '../i18n-catalogue-check.ts';

/** A repository with one workspace whose catalogues and source are given. */
function repo(en: object, pt: object, source: string): string {
  const root = mkdtempSync(join(tmpdir(), 'i18n-check-'));
  mkdirSync(join(root, 'svc', 'src', 'i18n'), { recursive: true });
  writeFileSync(join(root, 'svc', 'src', 'i18n', 'en.json'), JSON.stringify(en));
  writeFileSync(join(root, 'svc', 'src', 'i18n', 'pt-BR.json'), JSON.stringify(pt));
  writeFileSync(join(root, 'svc', 'src', 'use.ts'), source);
  return root;
}

test('complete catalogues whose keys are all used pass', (t) => {
  const root = repo(
    { 'a.hello': 'Hello {name}', 'a.n': '{n, plural, one {# item} other {# items}}' },
    { 'a.hello': 'Olá {name}', 'a.n': '{n, plural, one {# item} other {# itens}}' },
    `format('a.hello'); format("a.n");`,
  );
  t.deepEqual(checkCatalogues(root), []);
  rmSync(root, { recursive: true });
});

test('a key missing in one language, an unused key, different placeholders and bad ICU all fail', (t) => {
  const root = repo(
    { 'a.only_en': 'x', 'a.unused': 'y', 'a.args': 'Hi {name}', 'a.bad': 'fine' },
    { 'a.unused': 'y', 'a.args': 'Oi {nome}', 'a.bad': '{broken' },
    `t('a.only_en'); t('a.args'); t('a.bad');`,
  );
  const problems = checkCatalogues(root).join('\n');
  t.regex(problems, /pt-BR\.json: missing key "a\.only_en"/);
  t.regex(problems, /"a\.unused" is not used/);
  t.regex(problems, /"a\.args" names different placeholders/);
  t.regex(problems, /pt-BR\.json: "a\.bad" is not ICU MessageFormat/);
  t.notRegex(problems, /"a\.only_en" is not used/);
  rmSync(root, { recursive: true });
});

test('a Portuguese message that calls the team "time" fails, a {time} placeholder and English "time" do not', (t) => {
  const root = repo(
    { 'a.team': 'Your team', 'a.when': 'At {time}', 'a.n': '{n, plural, one {# team} other {# teams}}' },
    { 'a.team': 'Seu time', 'a.when': 'Às {time}', 'a.n': '{n, plural, one {# equipe} other {# Times}}' },
    `t('a.team'); t('a.when'); t('a.n');`,
  );
  t.deepEqual(checkCatalogues(root), [
    'svc/src/i18n/pt-BR.json: "a.n" says "Times"; say "equipe"',
    'svc/src/i18n/pt-BR.json: "a.team" says "time"; say "equipe"',
  ]);
  rmSync(root, { recursive: true });
});
