import test from 'ava';
import { code, dedent, goCode, markdown } from '../../src/katas/source-text.ts';

test('dedent drops the first line break and the common indentation, and ends with one newline', (t) => {
  t.is(dedent('\n    a\n      b\n\n    c\n  '), 'a\n  b\n\nc\n');
});

test('dedent trims trailing spaces of each line', (t) => {
  t.is(dedent('\n  a  \n  b\t\n'), 'a\nb\n');
});

test('code keeps backslashes as written, so escapes reach the target language unchanged', (t) => {
  const text = code`
    print("a\nb")
  `;
  t.is(text, 'print("a\\nb")\n');
});

test('goCode indents with tabs, as gofmt does', (t) => {
  const text = goCode`
    func f() {
        if true {
            return
        }
    }
  `;
  t.is(text, 'func f() {\n\tif true {\n\t\treturn\n\t}\n}\n');
});

test('markdown interprets escapes, so inline code can be written with an escaped backtick', (t) => {
  const text = markdown`
    Call \`add("1\\n2")\`.
  `;
  t.is(text, 'Call `add("1\\n2")`.\n');
});

test('interpolated values are kept', (t) => {
  const limit = 12;
  t.is(markdown`At most ${limit} bytes.`, 'At most 12 bytes.\n');
  t.is(code`x = ${limit}`, 'x = 12\n');
});
