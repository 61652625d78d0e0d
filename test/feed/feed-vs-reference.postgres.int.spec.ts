import { describeFeedVsReference } from './feed-vs-reference';

describeFeedVsReference('postgres', 25);
