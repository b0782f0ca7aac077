import { readBodyWithin } from "../http/read-body";
import { failureMessage, RegistryApiError } from "./errors";

/** The answer's text, refusing (and cancelling) past `maxBytes` rather than buffering all of it. */
export const readCappedText = async (response: Response, maxBytes: number): Promise<string> => {
  const text = await readBodyWithin(response, maxBytes);
  if (text === null) throw new RegistryApiError("too-large", failureMessage.tooLarge(maxBytes));
  return text;
};
