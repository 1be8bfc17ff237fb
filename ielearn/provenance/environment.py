"""What a job ran with: package versions and, in a job that runs a model, the machine as torch
sees it. Versions come from the installed metadata, so reading them imports nothing heavy."""

import importlib.metadata
import platform

PACKAGES = ("torch", "fairseq", "transformers", "sacrebleu", "snakemake", "numpy")


def package_versions():
    """{'python': '3.11.2', 'torch': '2.x', ...} by import name (fairseq is installed as the
    distribution fairseq-fixed); None for a package that is not installed."""
    distributions = importlib.metadata.packages_distributions()
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        versions[name] = _installed_version(distributions.get(name, [name]))
    return versions


def _installed_version(distributions):
    for distribution in distributions:
        try:
            return importlib.metadata.version(distribution)
        except importlib.metadata.PackageNotFoundError:
            continue
    return None


def cpu_model():
    """The CPU's model name from /proc/cpuinfo (Linux), else what `platform` knows."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine(threads, uses_cuda):
    """The hardware a model ran on: the GPUs when the job uses CUDA and sees one (fairseq does;
    ielearn's classifiers always run on the CPU), torch's CPU kernel level (AVX2, AVX512, ...)
    and the number of threads it was given."""
    import torch  # only jobs that run a model call this, and they have imported torch already

    gpus = [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())]
    gpus = gpus if uses_cuda else []
    return {
        "device": ", ".join(gpus) if gpus else "cpu",
        "cpu": cpu_model(),
        "cpu_capability": torch.backends.cpu.get_cpu_capability(),
        "threads": int(threads),
    }
