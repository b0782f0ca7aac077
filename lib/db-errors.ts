/** Prisma's "unique constraint failed": a name already taken, found by the database itself. */
export const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "P2002";
