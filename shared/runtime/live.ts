// The entry point of every live container: the compiler binds the config and vendor code.
import type { CompiledConfig } from './keys';
import { runContainer, type VendorCode } from '.';

declare const __pt: CompiledConfig;
declare const __pv: VendorCode;

runContainer(__pt, __pv);
