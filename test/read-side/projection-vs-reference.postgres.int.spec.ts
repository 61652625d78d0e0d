import { describeProjectionVsReference } from './projection-vs-reference';

describeProjectionVsReference('postgres', 2000);
