/** The token from "Authorization: Bearer <token>", or null. */
export const bearerToken = (authorization: string | null) => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match ? match[1] : null;
};
