import { describeLease } from "./lease.suite";

describeLease("postgresql");
