// Runs once when the server starts, before it serves a request.
export const register = async () => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureDefaultRegistry } = await import("./lib/registry/default-registry");
  await ensureDefaultRegistry();
};
