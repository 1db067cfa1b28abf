/**
 * How deep JSON text nests, counted without parsing it. Parsers and matchers recurse, so a value 60,000
 * `[` deep ends in "Maximum call stack size exceeded" instead of an error line; every JSON input is
 * measured with this first and refused past MAX_JSON_DEPTH (no shipgate document comes near it).
 */
export const MAX_JSON_DEPTH = 64;

/** The deepest nesting of `[`/`{` outside strings; works on any text, JSON or not. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c) i++;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (char === 0x5d || char === 0x7d) depth--;
  }
  return deepest;
}

/** Why JSON text is refused for its depth (`nested 60000 deep; at most 64 levels are read`), or undefined. */
export function tooDeep(text: string): string | undefined {
  const depth = jsonDepth(text);
  return depth > MAX_JSON_DEPTH ? `nested ${depth} deep; at most ${MAX_JSON_DEPTH} levels are read` : undefined;
}
