/** A ?page= value: a whole number from 1 up (at most 7 digits), or null for anything else. */
export const parsePage = (text: string | null | undefined, fallback = "1"): number | null => {
  const value = text ?? fallback;
  return /^[1-9][0-9]{0,6}$/.test(value) ? Number(value) : null;
};

export const INVALID_PAGE_MESSAGE = "page must be a whole number from 1 upwards.";
