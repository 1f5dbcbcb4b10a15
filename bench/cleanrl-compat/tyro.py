"""A stand-in for tyro's `cli`, for running CleanRL's own scripts where tyro cannot be installed.

CleanRL's scripts read their flags with `tyro.cli(Args)`, Args a dataclass. This parses the same
command lines those scripts are given by bench/cleanrl-scripts.ts: `--name value`, `--name=value`,
and for a bool `--name`, `--no-name` or `--name True|False`, with names in kebab or snake case.
Anything else is an error, so that a flag is never silently ignored.
"""
import dataclasses
import sys
import typing


def _convert(field, text):
    kind = field.type if not isinstance(field.type, str) else eval(field.type, vars(typing))  # noqa: S307
    if kind is bool:
        if text not in ("True", "False", "true", "false"):
            raise SystemExit(f"--{field.name}: expected True or False, got {text!r}")
        return text in ("True", "true")
    for candidate in (int, float, str):
        if kind is candidate:
            return candidate(text)
    if text == "None":
        return None
    return float(text) if kind is float or kind == typing.Optional[float] else text


def cli(cls, args=None):
    fields = {f.name: f for f in dataclasses.fields(cls)}
    argv = list(sys.argv[1:] if args is None else args)
    values = {}
    while argv:
        flag = argv.pop(0)
        if not flag.startswith("--"):
            raise SystemExit(f"unexpected argument {flag!r}")
        name, _, inline = flag[2:].partition("=")
        name = name.replace("-", "_")
        negated = name.startswith("no_") and name[3:] in fields and fields[name[3:]].type in (bool, "bool")
        if negated:
            values[name[3:]] = False
            continue
        if name not in fields:
            raise SystemExit(f"unknown flag --{name} (known: {', '.join(fields)})")
        field = fields[name]
        is_bool = field.type in (bool, "bool")
        if inline:
            values[name] = _convert(field, inline)
        elif is_bool and (not argv or argv[0].startswith("--")):
            values[name] = True
        else:
            if not argv:
                raise SystemExit(f"--{name}: a value is missing")
            values[name] = _convert(field, argv.pop(0))
    return cls(**values)
