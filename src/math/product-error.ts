// The rounding error of a product, exactly: a·b = fl(a·b) + e. JavaScript has no fused
// multiply-add, so this is Dekker's product ("A floating-point technique for extending the
// available precision", Numer. Math. 18, 1971) with Veltkamp's split of each factor into two
// 26-bit halves whose products are exact. Valid while a·b and the half products neither overflow
// nor underflow (|a·b| within about 2^±995).

const SPLIT = 134217729; // 2²⁷ + 1

/** e with a·b = p + e exactly, where p = a·b rounded. */
export function productError(a: number, b: number, p: number): number {
  let s = SPLIT * a;
  const ah = s - (s - a);
  const al = a - ah;
  s = SPLIT * b;
  const bh = s - (s - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}
