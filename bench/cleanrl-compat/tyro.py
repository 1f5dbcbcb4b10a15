"""A stand-in for tyro's `cli`, for running CleanRL's own scripts where tyro cannot be installed.

CleanRL's scripts read their flags with `tyro.cli(Args)`, Args a dataclass of bools, ints, floats
and strings. This parses the command lines bench/cleanrl-scripts.ts gives them: `--name value`,
`--name=value`, and for a bool `--name`, `--no-name` or `--name True|False`, names in kebab or
snake case; `None` for a field whose default is None. Anything else is an error, so that no flag
is silently ignored.
"""
import dataclasses
import sys


def _convert(field, text):
    if text == "None" and field.default is None:
        return None
    if field.type is bool:
        if text not in ("True", "False", "true", "false"):
            raise SystemExit(f"--{field.name}: expected True or False, got {text!r}")
        return text in ("True", "true")
    if field.type in (int, float, str):
        return field.type(text)
    raise SystemExit(f"--{field.name}: fields of type {field.type!r} are not supported by this stand-in")


def cli(cls, args=None):
    fields = {f.name: f for f in dataclasses.fields(cls)}
    argv = list(sys.argv[1:] if args is None else args)
    values = {}
    while argv:
        flag = argv.pop(0)
        if not flag.startswith("--"):
            raise SystemExit(f"unexpected argument {flag!r}")
        name, has_value, inline = flag[2:].partition("=")
        name = name.replace("-", "_")
        if name.startswith("no_") and not has_value and fields.get(name[3:]) is not None and fields[name[3:]].type is bool:
            values[name[3:]] = False
            continue
        if name not in fields:
            raise SystemExit(f"unknown flag --{name} (known: {', '.join(fields)})")
        field = fields[name]
        if has_value:
            values[name] = _convert(field, inline)
        elif field.type is bool and (not argv or argv[0].startswith("--")):
            values[name] = True
        elif argv:
            values[name] = _convert(field, argv.pop(0))
        else:
            raise SystemExit(f"--{name}: a value is missing")
    return cls(**values)
