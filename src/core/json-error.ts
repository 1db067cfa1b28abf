/**
 * Where JSON text breaks, as `unexpected "}" at line 3, column 14` or `unexpected end at line 9, column 1`.
 * V8's own message no longer carries a position, and a person fixing a workflow needs one.
 */
export function describeJsonError(json: string): string {
  const offset = jsonErrorOffset(json);
  if (offset === undefined) return 'invalid JSON';
  const before = json.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const found = offset >= json.length ? 'end' : JSON.stringify(json.charAt(offset));
  return `unexpected ${found} at line ${line}, column ${column}`;
}

/** The offset of the first character at which `json` stops being JSON (RFC 8259), or undefined if it is JSON. */
export function jsonErrorOffset(json: string): number | undefined {
  const scan = new JsonScan(json);
  try {
    scan.value();
    scan.space();
    if (!scan.atEnd()) scan.fail();
    return undefined;
  } catch (error) {
    if (error instanceof Broken) return error.offset;
    throw error;
  }
}

/** Thrown by the scan at the first character that cannot continue the text as JSON. */
class Broken {
  constructor(readonly offset: number) {}
}

const DIGIT = /[0-9]/;
const HEX = /[0-9a-fA-F]/;

/** A recursive-descent reader of RFC 8259 that only tracks where it is: each method reads one production. */
class JsonScan {
  private at = 0;

  constructor(private readonly json: string) {}

  fail(): never {
    throw new Broken(this.at);
  }

  atEnd(): boolean {
    return this.at >= this.json.length;
  }

  space(): void {
    while (!this.atEnd() && ' \t\n\r'.includes(this.char())) this.at += 1;
  }

  value(): void {
    this.space();
    const char = this.char();
    if (char === '{') this.object();
    else if (char === '[') this.array();
    else if (char === '"') this.string();
    else if (char === 't') this.literal('true');
    else if (char === 'f') this.literal('false');
    else if (char === 'n') this.literal('null');
    else if (char === '-' || DIGIT.test(char)) this.number();
    else this.fail();
  }

  private char(offset = 0): string {
    return this.json.charAt(this.at + offset);
  }

  /** Steps over `char` if it is next; says whether it was. */
  private take(char: string): boolean {
    if (this.char() !== char) return false;
    this.at += 1;
    return true;
  }

  private object(): void {
    this.at += 1;
    this.space();
    if (this.take('}')) return;
    do {
      this.space();
      if (this.char() !== '"') this.fail();
      this.string();
      this.space();
      if (!this.take(':')) this.fail();
      this.value();
      this.space();
    } while (this.take(','));
    if (!this.take('}')) this.fail();
  }

  private array(): void {
    this.at += 1;
    this.space();
    if (this.take(']')) return;
    do {
      this.value();
      this.space();
    } while (this.take(','));
    if (!this.take(']')) this.fail();
  }

  private literal(word: string): void {
    for (const char of word) if (!this.take(char)) this.fail();
  }

  private digits(): void {
    if (!DIGIT.test(this.char())) this.fail();
    while (DIGIT.test(this.char())) this.at += 1;
  }

  private number(): void {
    this.take('-');
    if (!this.take('0')) this.digits();
    if (this.take('.')) this.digits();
    if (this.take('e') || this.take('E')) {
      if (!this.take('+')) this.take('-');
      this.digits();
    }
  }

  private string(): void {
    this.at += 1;
    for (;;) {
      if (this.atEnd()) this.fail();
      const code = this.json.charCodeAt(this.at);
      if (code < 0x20) this.fail();
      this.at += 1;
      if (code === 0x22) return;
      if (code === 0x5c) this.escape();
    }
  }

  /** After a backslash: one of `"\/bfnrt`, or `u` and four hex digits. */
  private escape(): void {
    const char = this.char();
    if (char === 'u') {
      for (let i = 1; i <= 4; i += 1) {
        if (!HEX.test(this.char(i))) {
          this.at += i;
          this.fail();
        }
      }
      this.at += 5;
    } else if (char !== '' && '"\\/bfnrt'.includes(char)) this.at += 1;
    else this.fail();
  }
}
