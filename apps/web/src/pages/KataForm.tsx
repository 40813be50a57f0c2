import { type FormEvent, useState } from 'react';
import { ApiError } from '../api/ApiError.ts';
import type { KataInput } from '../api/types.ts';
import { Field } from '../components/Field.tsx';
import { ProblemAlert } from '../components/ProblemAlert.tsx';
import { SelectField } from '../components/SelectField.tsx';
import { TextAreaField } from '../components/TextAreaField.tsx';
import { useMessages } from '../i18n/useMessages.ts';

export const KATA_LANGUAGES = [
  { value: 'typescript', label: 'TypeScript' },
  { value: 'python', label: 'Python' },
  { value: 'java', label: 'Java' },
  { value: 'go', label: 'Go' },
] as const;

type FileRow = { path: string; text: string };
/** A row of the form: a file and a key of its own (React keeps each textarea's state with its file). */
type KeyedRow = FileRow & { key: string };
const keyed = (rows: readonly FileRow[]): KeyedRow[] => rows.map((row) => ({ ...row, key: crypto.randomUUID() }));

/** What a new language's starter looks like: the code and its tests, as the built-in katas lay them out. */
const templates: Record<string, FileRow[]> = {
  typescript: [
    {
      path: 'kata.ts',
      text: "export function solve(input: string): string {\n  throw new Error('Not implemented yet');\n}\n",
    },
    {
      path: 'kata.test.ts',
      text: "import assert from 'node:assert/strict';\nimport { test } from 'node:test';\nimport { solve } from './kata.ts';\n\ntest('a first example', () => {\n  assert.equal(solve('a'), 'a');\n});\n",
    },
  ],
  python: [
    { path: 'kata.py', text: 'def solve(value: str) -> str:\n    raise NotImplementedError("not implemented yet")\n' },
    {
      path: 'test_kata.py',
      text: 'from kata import solve\n\n\ndef test_a_first_example():\n    assert solve("a") == "a"\n',
    },
  ],
  java: [
    {
      path: 'src/main/java/kata/Kata.java',
      text: 'package kata;\n\npublic class Kata {\n    public static String solve(String input) {\n        throw new UnsupportedOperationException("Not implemented yet");\n    }\n}\n',
    },
    {
      path: 'src/test/java/kata/KataTest.java',
      text: 'package kata;\n\nimport static org.junit.jupiter.api.Assertions.assertEquals;\n\nimport org.junit.jupiter.api.Test;\n\nclass KataTest {\n    @Test\n    void aFirstExample() {\n        assertEquals("a", Kata.solve("a"));\n    }\n}\n',
    },
  ],
  go: [
    { path: 'go.mod', text: 'module kata\n\ngo 1.22\n' },
    { path: 'kata.go', text: 'package kata\n\nfunc Solve(input string) string {\n\tpanic("not implemented yet")\n}\n' },
    {
      path: 'kata_test.go',
      text: 'package kata\n\nimport "testing"\n\nfunc TestAFirstExample(t *testing.T) {\n\tif got := Solve("a"); got != "a" {\n\t\tt.Errorf("Solve(\\"a\\") = %q", got)\n\t}\n}\n',
    },
  ],
};

const toRows = (starters: KataInput['starters']) =>
  Object.fromEntries(
    Object.entries(starters).map(([language, set]) => [
      language,
      keyed(Object.entries(set.files).map(([path, text]) => ({ path, text }))),
    ]),
  ) as Record<string, KeyedRow[]>;

/**
 * Writes or changes one of the team's katas: the instructions in markdown and, per language, the
 * starter code and tests. Saving runs the starters in the sandbox first; a language whose tests
 * cannot run (amber) is refused with the reason beside it.
 */
export function KataForm({
  initial,
  onSave,
  onCancel,
}: {
  initial: KataInput | null;
  onSave: (kata: KataInput) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useMessages();
  const editing = initial !== null;
  const [id, setId] = useState(initial?.id ?? '');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [summary, setSummary] = useState(initial?.summary ?? '');
  const [description, setDescription] = useState(initial?.description ?? t('kata.form.template'));
  const [difficulty, setDifficulty] = useState<KataInput['difficulty']>(initial?.difficulty ?? 'easy');
  const [tags, setTags] = useState(initial?.tags.join(', ') ?? '');
  const [starters, setStarters] = useState<Record<string, KeyedRow[]>>(
    initial ? toRows(initial.starters) : { typescript: keyed(templates.typescript!) },
  );
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldError = (field: string) =>
    error instanceof ApiError ? error.errors.find((e) => e.field === field)?.message : undefined;

  const setFile = (language: string, index: number, patch: Partial<FileRow>) =>
    setStarters((all) => ({
      ...all,
      [language]: all[language]!.map((row, i) => (i === index ? { ...row, ...patch } : row)),
    }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSave({
        id: id.trim(),
        title,
        summary,
        description,
        difficulty,
        tags: tags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
        starters: Object.fromEntries(
          Object.entries(starters).map(([language, rows]) => [
            language,
            {
              files: Object.fromEntries(
                rows.filter((row) => row.path.trim()).map((row) => [row.path.trim(), row.text]),
              ),
            },
          ]),
        ),
      });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  const languages = KATA_LANGUAGES.filter((language) => starters[language.value]);
  const missing = KATA_LANGUAGES.filter((language) => !starters[language.value]);
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="kata-form-title">
      <h2 id="kata-form-title">{editing ? t('kata.form.edit_title', { title: initial.title }) : t('kata.page.new')}</h2>
      <ProblemAlert
        error={error}
        fields={['id', 'title', 'summary', 'description', 'difficulty', 'tags', 'starters']}
      />
      <Field
        label={t('kata.form.id')}
        value={id}
        onChange={(e) => setId(e.target.value)}
        disabled={editing}
        required
        hint={t('kata.form.id_hint')}
        error={fieldError('id')}
      />
      <Field
        label={t('kata.form.title')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
        error={fieldError('title')}
      />
      <Field
        label={t('kata.form.summary')}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        required
        error={fieldError('summary')}
      />
      <SelectField
        label={t('kata.form.difficulty')}
        value={difficulty}
        onChange={(e) => setDifficulty(e.target.value as KataInput['difficulty'])}
        options={[
          { value: 'easy', label: t('kata.difficulty', { difficulty: 'easy' }) },
          { value: 'medium', label: t('kata.difficulty', { difficulty: 'medium' }) },
          { value: 'hard', label: t('kata.difficulty', { difficulty: 'hard' }) },
        ]}
      />
      <Field
        label={t('kata.form.tags')}
        value={tags}
        onChange={(e) => setTags(e.target.value)}
        hint={t('kata.form.tags_hint')}
        error={fieldError('tags')}
      />
      <TextAreaField
        label={t('kata.form.instructions')}
        rows={10}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        error={fieldError('description')}
      />
      {languages.map((language) => (
        <fieldset key={language.value} className="kata-starter">
          <legend>{t('kata.form.starter', { language: language.label })}</legend>
          {fieldError(`starters.${language.value}`) && (
            <p className="field__error" role="alert">
              {language.label}: {fieldError(`starters.${language.value}`)}
            </p>
          )}
          {starters[language.value]!.map((row, index) => (
            <div key={row.key} className="kata-starter__file">
              <Field
                label={t('kata.form.file_path', { language: language.label, number: index + 1 })}
                value={row.path}
                onChange={(e) => setFile(language.value, index, { path: e.target.value })}
              />
              <TextAreaField
                label={t('kata.form.file_content', { language: language.label, number: index + 1 })}
                rows={6}
                className="code"
                value={row.text}
                onChange={(e) => setFile(language.value, index, { text: e.target.value })}
              />
              <button
                type="button"
                className="button button--ghost"
                onClick={() =>
                  setStarters((all) => ({
                    ...all,
                    [language.value]: all[language.value]!.filter((_, i) => i !== index),
                  }))
                }
              >
                {row.path
                  ? t('kata.form.remove_file', { path: row.path })
                  : t('kata.form.remove_file_number', { number: index + 1 })}
              </button>
            </div>
          ))}
          <div className="actions">
            <button
              type="button"
              className="button button--ghost"
              onClick={() =>
                setStarters((all) => ({
                  ...all,
                  [language.value]: [...all[language.value]!, ...keyed([{ path: '', text: '' }])],
                }))
              }
            >
              {t('kata.form.add_file', { language: language.label })}
            </button>
            <button
              type="button"
              className="button button--ghost"
              onClick={() =>
                setStarters((all) => Object.fromEntries(Object.entries(all).filter(([key]) => key !== language.value)))
              }
            >
              {t('kata.form.drop_language', { language: language.label })}
            </button>
          </div>
        </fieldset>
      ))}
      {missing.length > 0 && (
        <div className="actions">
          {missing.map((language) => (
            <button
              key={language.value}
              type="button"
              className="button button--ghost"
              onClick={() => setStarters((all) => ({ ...all, [language.value]: keyed(templates[language.value]!) }))}
            >
              {t('kata.form.add_language', { language: language.label })}
            </button>
          ))}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('kata.form.busy') : editing ? t('kata.form.save') : t('kata.form.create')}
        </button>
        <button type="button" className="button button--ghost" onClick={onCancel}>
          {t('kata.form.cancel')}
        </button>
      </div>
    </form>
  );
}
