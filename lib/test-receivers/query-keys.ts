// TanStack Query keys for a test receiver's live list of requests.
export const receiverKeys = {
  requests: (id: string) => ["test-receivers", id, "requests"] as const,
};

export const receiverRequestsApiPath = (id: string) => `/api/test-receivers/${encodeURIComponent(id)}/requests`;
