import { go } from '@codemirror/lang-go';
import { java } from '@codemirror/lang-java';
import { javascript } from '@codemirror/lang-javascript';
import { python } from '@codemirror/lang-python';
import type { Extension } from '@codemirror/state';

/** Syntax highlighting per dojo language (and per file extension, for mixed files). */
export function languageSupport(language: string, path: string): Extension {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'py' || (language === 'python' && !ext)) return python();
  if (ext === 'java') return java();
  if (ext === 'go') return go();
  if (ext === 'ts' || ext === 'tsx') return javascript({ typescript: true, jsx: ext === 'tsx' });
  if (ext === 'js' || ext === 'mjs' || ext === 'jsx') return javascript({ jsx: ext === 'jsx' });
  switch (language) {
    case 'python':
      return python();
    case 'java':
      return java();
    case 'go':
      return go();
    default:
      return javascript({ typescript: true });
  }
}
