// The transcendental functions every result path uses. Placeholder: the host's, until the
// deterministic implementations land in this folder.
export const exp = Math.exp;
export const expm1 = Math.expm1;
export const log = Math.log;
export const log1p = Math.log1p;
export const sin = Math.sin;
export const cos = Math.cos;
export const tan = Math.tan;
export const tanh = Math.tanh;
export const atan = Math.atan;
export const atan2 = Math.atan2;
export const pow = Math.pow;
