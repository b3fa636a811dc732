"""Kernel memory: one stakeholder form kernel vs an empty ipykernel with ipywidgets imported."""

from __future__ import annotations

import os
import subprocess
import time

from bench import compile_kit, scratch_dir

EMPTY = "import ipywidgets"
FORM = 'from saara_kit.app_builder import app; w = app("stakeholders")'
# a form in use: one stakeholder added, so its power-interest grid is drawn (matplotlib)
IN_USE = (
    FORM
    + """
w.open_association("Association Bench")
register = w.show("stakeholders")
register.value = {**register.value, "name": "Partie prenante bench"}
register.add()
assert len(register.entries) == 1
"""
)
SETTLE_S = 2  # let the kernel finish sending the widgets' messages before reading its memory
MB = 1024 * 1024


def kernel_memory(code: str, data_dir: str) -> tuple[float, float, float]:
    """Start a kernel, run ``code`` in it; return its (RSS, PSS, USS) in MiB."""
    import psutil
    from jupyter_client import KernelManager

    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SAARA_", "VOILA_")) and key != "QUERY_STRING"
    }
    env.update(SAARA_DATA_DIR=data_dir, SAARA_REGION="ouest", QUERY_STRING="lang=fr")
    manager = KernelManager(kernel_name="python3")
    manager.start_kernel(env=env, stderr=subprocess.DEVNULL)  # its warning about TCP without encryption
    client = manager.client()
    try:
        client.start_channels()
        client.wait_for_ready(timeout=120)
        reply = client.execute_interactive(code, timeout=120, output_hook=lambda message: None)
        assert reply["content"]["status"] == "ok", reply["content"]
        time.sleep(SETTLE_S)
        memory = psutil.Process(manager.provisioner.process.pid).memory_full_info()
        return memory.rss / MB, memory.pss / MB, memory.uss / MB
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


TARGET = 2.0


def main(smoke: bool = False) -> float:
    """Print each kernel's memory, the ratio of a form in use to an empty kernel last; return it (RSS)."""
    compile_kit()
    data_dir = str(scratch_dir())
    empty = kernel_memory(EMPTY, data_dir)
    form = kernel_memory(FORM, data_dir)
    in_use = form if smoke else kernel_memory(IN_USE, data_dir)
    for label, (rss, pss, uss) in (
        ("empty kernel + ipywidgets", empty),
        ("stakeholder form kernel", form),
        ("form, one stakeholder added", in_use),
    ):
        print(f"{label:>27}: RSS {rss:4.0f} MiB, PSS {pss:4.0f} MiB, USS {uss:4.0f} MiB")
    print(
        f"the form adds {form[0] - empty[0]:.0f} MiB RSS to a kernel, drawing its grid {in_use[0] - form[0]:.0f} MiB more"
    )
    ratio = in_use[0] / empty[0]
    print(
        f"ratio form in use/empty kernel = {ratio:.2f} (RSS; USS {in_use[2] / empty[2]:.2f}); "
        f"empty ipywidgets kernel {empty[0]:.0f} MiB; target ≤ {TARGET}"
    )
    return ratio


if __name__ == "__main__":
    main()
