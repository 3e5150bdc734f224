// The entry point of preview containers only: the same runtime, with the debug panel, which
// explains each tag from the details the compiler adds for previews (`__pd`).
import { createDebugPanel, type DebugInfo } from './debug';
import type { CompiledConfig } from './keys';
import { runContainer, type VendorCode } from '.';

declare const __pt: CompiledConfig;
declare const __pv: VendorCode;
declare const __pd: DebugInfo;

runContainer(__pt, __pv, (onExit) => createDebugPanel(__pd, onExit));
