import en from './en.json' with { type: 'json' };
import pt from './pt-BR.json' with { type: 'json' };
import { createTranslator } from './translator.ts';

export type CommonMessageKey = keyof typeof en;

/** The messages `common` itself shows: the problem handler's own answers, the text policy's reasons. */
export const commonMessages = createTranslator<CommonMessageKey>({ en, 'pt-BR': pt });
