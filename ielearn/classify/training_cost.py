"""What a training cost beside its updates: wall-clock seconds and peak memory, recorded in
its training.json (`seconds`, `peak_rss_mb`, and `peak_gpu_mb` on a GPU) and shown in the
compute table (ielearn/classify/summary.py).

peak_rss_mb is the largest resident memory of the process that trained (resource.getrusage's
ru_maxrss, KiB on Linux): in a pipeline job that process did nothing else, so it is the
training's peak (IMPACTX's two encoders against one); where one process trains several
models in turn, later ones report the process's peak so far. peak_gpu_mb is torch's peak of
allocated GPU memory during the training.
"""

import resource
import sys
import time

import torch


class Cost:
    """Started when a training starts; `figures()` when it ends."""

    def __init__(self):
        self.start = time.perf_counter()
        self.cuda = torch.cuda.is_available()
        if self.cuda:
            torch.cuda.reset_peak_memory_stats()

    def figures(self):
        # ru_maxrss: KiB on Linux, bytes on macOS
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / (2 ** 20 if sys.platform == "darwin" else 2 ** 10)
        figures = {"seconds": round(time.perf_counter() - self.start, 1), "peak_rss_mb": round(rss, 1)}
        if self.cuda:
            figures["peak_gpu_mb"] = round(torch.cuda.max_memory_allocated() / 2 ** 20, 1)
        return figures
