import { describeKeyPaging } from "./paging.suite";

describeKeyPaging("postgresql");
