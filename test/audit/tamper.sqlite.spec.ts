import { describeTamperSuite } from './tamper-suite';

// 5 kinds × 100 tamperings, each checked four ways (see tamper-suite.ts).
describeTamperSuite('sqlite', 100);
