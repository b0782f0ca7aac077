import { describeKeyPaging } from "./paging.suite";

describeKeyPaging("sqlite");
