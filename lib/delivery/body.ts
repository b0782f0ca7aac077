/** Request and response bodies above this size are stored cut, with a flag that says so. */
export const MAX_STORED_BODY_BYTES = 64 * 1024;

export type StoredBody = { text: string; isTruncated: boolean };

/** Cuts `bytes` to the storage limit and decodes it; a multi-byte character cut in half decodes as U+FFFD. */
export const toStoredBody = (bytes: Buffer, wasCutWhileReading = false): StoredBody => {
  const isTruncated = wasCutWhileReading || bytes.length > MAX_STORED_BODY_BYTES;
  return { text: bytes.subarray(0, MAX_STORED_BODY_BYTES).toString("utf8"), isTruncated };
};
