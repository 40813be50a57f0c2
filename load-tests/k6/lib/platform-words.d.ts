/** Types of platform-words.js (plain JavaScript so that k6 can run it). */
export declare function pocName(n: number): string;
export declare function misspell(name: string): string;
