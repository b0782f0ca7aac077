import "server-only";
import { isPostgres } from "./kind";
import { postgresDeliveryStore } from "./postgres/delivery-store";
import { sqliteDeliveryStore } from "./sqlite/delivery-store";
import type { DeliveryStore } from "./delivery-store-types";

export type * from "./delivery-store-types";

/** The delivery queue on this instance's database (each dialect's SQL in one file). */
export const deliveryStore: DeliveryStore = isPostgres ? postgresDeliveryStore : sqliteDeliveryStore;
