"""The hypervisor's steal, shared by the benchmark summaries: the share of the machine's CPU time
given to other guests during a run (lib.sh's machine_ticks), and a warning when it is large."""

NOISY_PERCENT = 5


def steal_percent(steal_ticks, total_ticks):
    """Steal as a percentage of the machine's CPU time; nan when nothing was counted."""
    return steal_ticks * 100 / total_ticks if total_ticks > 0 else float("nan")


def print_steal_note(median_steals, hint=""):
    """One line when any target's median steal passes NOISY_PERCENT."""
    known = [s for s in median_steals if s == s]  # nan (no figure) is left out
    if known and max(known) > NOISY_PERCENT:
        print(f"note: the hypervisor took up to {max(known):.0f}% of the CPU (median per target): "
              f"this host is shared and busy; small ratios are noise{hint}")
