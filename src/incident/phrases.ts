import type { Language, Phrases } from './language.js';
import { english } from './text-en.js';
import { korean } from './text-ko.js';

export function phrasesFor(language: Language): Phrases {
  switch (language) {
    case 'en':
      return english;
    case 'ko':
      return korean;
    default: {
      const unknown: never = language;
      throw new Error(`unknown language ${String(unknown)}`);
    }
  }
}
