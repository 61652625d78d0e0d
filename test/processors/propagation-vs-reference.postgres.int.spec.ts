import { describePropagationVsReference } from './propagation-vs-reference';

describePropagationVsReference('postgres', 15);
