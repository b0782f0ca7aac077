import { randomUUID } from "node:crypto";
import os from "node:os";

// Names this server process among the instances sharing a database: who holds a delivery's
// lease, who runs housekeeping. Host and pid say where to look; the suffix tells apart two
// processes that reuse a pid (a container restarted).
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
