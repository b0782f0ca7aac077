/** One HTTP header as sent or received, in order (names may repeat). */
export type HeaderPair = [name: string, value: string];
