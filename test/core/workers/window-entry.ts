/** The worker thread's entry for the window test: the real one, its port watched by window-probe.ts. */
import './window-probe';
import '../../../main/core/workers/worker-entry';
