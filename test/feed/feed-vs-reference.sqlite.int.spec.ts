import { describeFeedVsReference } from './feed-vs-reference';

describeFeedVsReference('sqlite', 60);
