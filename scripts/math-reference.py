#!/usr/bin/python3
"""The exact reference for src/math: mpmath at 200 bits against our results.

Usage: math-reference.py MANIFEST.json   (writes a JSON report on stdout)

The manifest names, per function, a file of little-endian float64 records
[argument(s)..., our result]. For every record the exact value is computed with mpmath
(mp.prec = 200; mpmath reduces huge trigonometric arguments itself, with as many bits of pi as
the argument's exponent needs) and the error is measured in ulps of the exact value's binade
(ulp = 2^(e-52), at least 2^-1074 for subnormals), as a real number. Results that are NaN, an
infinity or a zero by the IEEE / ECMAScript rules (special arguments, domain errors, overflow)
are compared bit for bit instead (Object.is semantics: -0 is not +0, any NaN equals NaN).

Stdlib and mpmath only; two worker processes (multiprocessing).
"""
import json
import math
import sys
from array import array
from multiprocessing import Pool

import mpmath
from mpmath import mp, mpf

PRECISION = 200
CHUNK = 20000
INF = float('inf')
NAN = float('nan')


def init_worker():
    mp.prec = PRECISION


def to_double(v):
    """The double nearest to the mpf v (ties to even), by CPython's correctly rounded int/int division."""
    if v == 0:
        return 0.0
    man, exp = int(v.man) * (-1 if v < 0 else 1), int(v.exp)
    top = exp + abs(man).bit_length()  # 2^(top-1) <= |v| < 2^top
    if top > 1025:
        return INF if man > 0 else -INF
    if top < -1076:
        return 0.0 if man > 0 else -0.0
    try:
        return float(man << exp) if exp >= 0 else man / (1 << -exp)
    except OverflowError:
        return INF if man > 0 else -INF


def ulp_of(v):
    """ulp of a double in the binade of the (nonzero, finite-range) exact value v."""
    e = int(v.exp) + int(v.man).bit_length() - 1 if v != 0 else -1075
    return mpf(2) ** max(e - 52, -1074)


def is_odd_integer(y):
    return math.isfinite(y) and y == math.floor(y) and math.fmod(y, 2) != 0


def is_integer(y):
    return math.isfinite(y) and y == math.floor(y)


def neg_zero(x):
    return x == 0 and math.copysign(1, x) < 0


def half_pi():
    return to_double(mp.pi / 2)


def special(name, a):
    """The exact IEEE/ECMAScript result when it is NaN, ±∞ or ±0 by rule (special arguments,
    domain errors); None when the result must be measured in ulps."""
    x = a[0]
    nan_in = any(math.isnan(v) for v in a)
    if name == 'pow':
        x, y = a
        if math.isnan(y):
            return NAN
        if y == 0:
            return 1.0
        if math.isnan(x):
            return NAN
        if math.isinf(y):
            if abs(x) == 1:
                return NAN
            return (INF if y > 0 else 0.0) if abs(x) > 1 else (0.0 if y > 0 else INF)
        if x == INF:
            return INF if y > 0 else 0.0
        if x == -INF:
            if y > 0:
                return -INF if is_odd_integer(y) else INF
            return -0.0 if is_odd_integer(y) else 0.0
        if x == 0:
            odd = is_odd_integer(y) and neg_zero(x)
            if y > 0:
                return -0.0 if odd else 0.0
            return -INF if odd else INF
        if x < 0 and not is_integer(y):
            return NAN
        return None
    if name == 'atan2':
        y, x = a
        if nan_in:
            return NAN
        pi, pi2, pi4 = to_double(mp.pi), half_pi(), to_double(mp.pi / 4)
        sy = -1.0 if math.copysign(1, y) < 0 else 1.0
        if y == 0:
            if x > 0 or (x == 0 and not neg_zero(x)):
                return y
            return sy * pi
        if x == 0:
            return sy * pi2
        if math.isinf(y):
            if x == INF:
                return sy * pi4
            if x == -INF:
                return sy * to_double(3 * mp.pi / 4)
            return sy * pi2
        if x == INF:
            return sy * 0.0
        if x == -INF:
            return sy * pi
        return None
    if nan_in:
        return NAN
    if name == 'exp':
        return INF if x == INF else 0.0 if x == -INF else 1.0 if x == 0 else None
    if name == 'expm1':
        return INF if x == INF else -1.0 if x == -INF else x if x == 0 else None
    if name == 'log':
        if x < 0:
            return NAN
        return -INF if x == 0 else INF if x == INF else None
    if name == 'log1p':
        if x < -1:
            return NAN
        return -INF if x == -1 else INF if x == INF else x if x == 0 else None
    if name in ('sin', 'tan', 'tanh', 'atan'):
        if x == 0:
            return x
        if math.isinf(x):
            if name == 'tanh':
                return math.copysign(1.0, x)
            if name == 'atan':
                return math.copysign(half_pi(), x)
            return NAN
        return None
    if name == 'cos':
        return 1.0 if x == 0 else NAN if math.isinf(x) else None
    raise ValueError(name)


def exact(name, a):
    if name == 'pow':
        x, y = a
        if x < 0:  # y is an integer here (non-integers are special)
            v = mpmath.power(mpf(-x), mpf(y))
            return -v if is_odd_integer(y) else v
        return mpmath.power(mpf(x), mpf(y))
    if name == 'atan2':
        return mpmath.atan2(mpf(a[0]), mpf(a[1]))
    return getattr(mpmath, name)(mpf(a[0]))


def same(ours, expected):
    if math.isnan(expected):
        return math.isnan(ours)
    return ours == expected and math.copysign(1, ours) == math.copysign(1, expected)


def measure(task):
    name, arity, path, start, count = task
    width = arity + 1
    data = array('d')
    with open(path, 'rb') as f:
        f.seek(start * width * 8)
        data.fromfile(f, count * width)
    if sys.byteorder != 'little':
        data.byteswap()
    out = {'count': count, 'max_ulp': 0.0, 'worst': None, 'not_cr': 0, 'special_count': 0,
           'special_mismatch_count': 0, 'special_mismatches': []}
    for r in range(count):
        a = tuple(data[r * width:r * width + arity])
        ours = data[r * width + arity]
        expected = special(name, a)
        v = None
        if expected is None:
            v = exact(name, a)
            cr = to_double(v)
            if math.isinf(cr) or v == 0:  # overflow, or an exactly zero result (log(1))
                expected = cr
        if expected is not None:
            out['special_count'] += 1
            if not same(ours, expected):
                out['special_mismatch_count'] += 1
                out['not_cr'] += 1
                if len(out['special_mismatches']) < 10:
                    out['special_mismatches'].append({'args': [repr(t) for t in a], 'ours': repr(ours), 'expected': repr(expected)})
            continue
        if not math.isfinite(ours):
            err = INF
        else:
            err = float(abs(mpf(ours) - v) / ulp_of(v))
            if ours == 0 and cr == 0 and not same(ours, cr):
                err = INF  # an underflow to zero of the wrong sign
        if ours != cr:
            out['not_cr'] += 1
        if err > out['max_ulp'] or out['worst'] is None:
            out['max_ulp'] = err
            out['worst'] = {'args': [repr(t) for t in a], 'ours': repr(ours), 'correctly_rounded': repr(cr)}
    return name, out


def merge(total, part):
    if total is None:
        return part
    total['count'] += part['count']
    total['not_cr'] += part['not_cr']
    total['special_count'] += part['special_count']
    total['special_mismatch_count'] += part['special_mismatch_count']
    total['special_mismatches'] = (total['special_mismatches'] + part['special_mismatches'])[:10]
    if part['worst'] is not None and (total['worst'] is None or part['max_ulp'] > total['max_ulp']):
        total['max_ulp'], total['worst'] = part['max_ulp'], part['worst']
    return total


def main():
    with open(sys.argv[1]) as f:
        manifest = json.load(f)
    tasks = []
    for fn in manifest['functions']:
        for start in range(0, fn['count'], CHUNK):
            tasks.append((fn['name'], fn['arity'], fn['path'], start, min(CHUNK, fn['count'] - start)))
    report = {}
    done = 0
    with Pool(manifest.get('workers', 2), initializer=init_worker) as pool:
        for name, part in pool.imap_unordered(measure, tasks):
            report[name] = merge(report.get(name), part)
            done += 1
            if manifest.get('progress'):
                print(f'  reference: {done}/{len(tasks)} chunks', file=sys.stderr, flush=True)
    for r in report.values():
        r['max_ulp'] = r['max_ulp'] if math.isfinite(r['max_ulp']) else 'Infinity'
    json.dump(report, sys.stdout)


if __name__ == '__main__':
    main()
