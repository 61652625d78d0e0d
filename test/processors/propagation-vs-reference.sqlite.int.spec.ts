import { describePropagationVsReference } from './propagation-vs-reference';

describePropagationVsReference('sqlite', 40);
