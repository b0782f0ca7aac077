export { testReceiverRequestsRoute as GET } from "@/lib/api/test-receiver-requests-route";
