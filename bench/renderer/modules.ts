import { customersBench } from './customers/bench';
import type { BenchModule } from './types';
import { visitsBench } from './visits/bench';

/** Every renderer bench module, run in this order by `npm run bench`. Add one line per module. */
export const BENCH_MODULES: BenchModule[] = [customersBench, visitsBench];
