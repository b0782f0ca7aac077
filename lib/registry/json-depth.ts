/**
 * Does valid JSON `text` nest arrays and objects deeper than `max`? One pass over the text,
 * no recursion, so no body can exhaust the stack however deep it goes; stops at the first
 * level past `max`.
 */
export const nestsDeeperThan = (text: string, max: number): boolean => {
  let depth = 0;
  let isInString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (isInString) {
      if (char === 0x5c) i++; // a backslash escapes the next character, quotes included
      else if (char === 0x22) isInString = false;
    } else if (char === 0x22) {
      isInString = true;
    } else if (char === 0x5b || char === 0x7b) {
      if (++depth > max) return true;
    } else if (char === 0x5d || char === 0x7d) {
      depth--;
    }
  }
  return false;
};
