/**
 * The only globals core/ uses beyond ECMAScript: the WHATWG Encoding standard's TextEncoder/TextDecoder and the
 * HTML standard's structuredClone. Every runtime the core runs in (Node.js >= 20, Lambda, browsers) has them; they
 * read no clock, file or network. Declared here, for tsconfig.core.json only, so that core/ is checked without the
 * DOM and Node.js type libraries (the main tsconfig gets them from those libraries).
 */
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}

declare function structuredClone<T>(value: T): T;
