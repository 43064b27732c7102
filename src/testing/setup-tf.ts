/** Vitest setup: the CPU backend with the lab's faster filter-gradient kernel, as the lab and the command line run it. */

import { installFastCpuFilterGradient } from '../ml/kernels/cpu-conv-filter-gradient';

installFastCpuFilterGradient();
