// π in BigInt fixed point from Machin's formula, π/4 = 4·atan(1/5) − atan(1/239) (1706), with
// atan(1/k) = Σ (−1)^i / ((2i+1)·k^(2i+1)) summed exactly in integers: independent of any
// floating-point arithmetic, for checking the constants of src/math.

function atanInverse(k: bigint, one: bigint): bigint {
  let sum = 0n;
  let power = one / k; // one/k^(2i+1)
  const k2 = k * k;
  for (let i = 0n; power !== 0n; i++) {
    const term = power / (2n * i + 1n);
    sum += i % 2n === 0n ? term : -term;
    power /= k2;
  }
  return sum;
}

/** ⌊π·2^bits⌋, exact for bits up to a few thousand (64 guard bits absorb the truncations). */
export function machinPi(bits: number): bigint {
  const guard = 64n;
  const one = 1n << (BigInt(bits) + guard);
  const quarter = 4n * atanInverse(5n, one) - atanInverse(239n, one);
  return (4n * quarter) >> guard;
}
