import { describeProjectionVsReference } from './projection-vs-reference';

describeProjectionVsReference('sqlite', 2000);
