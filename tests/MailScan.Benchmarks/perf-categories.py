#!/usr/bin/env python3
"""Where a batch's CPU goes: reads `perf script` output of a mailscan process recorded with
DOTNET_PerfMapEnabled=1 (docs/BENCHMARKS.md, "CPU and memory per domain") and puts every sample
in one category by its call chain, the first rule that matches winning, so work done under a
cache's or the bus's frames is counted where it belongs. Prints the share of each category.

usage: perf script -i batch.perf > batch.txt && tests/MailScan.Benchmarks/perf-categories.py batch.txt [DOMAINS HZ]
With DOMAINS and HZ (perf record -F) it also prints milliseconds of CPU per domain."""
import collections
import re
import sys

REPORT = re.compile(r"Google\.Protobuf|JsonlResultWriter|ReportMapper|JsonStruct|StreamWriter|FileStream|SafeFileHandle")
RULES = [
    ("report: protobuf, JSON text, results file", REPORT),
    ("certificates (X.509 parsing)", re.compile(r"X509|Certificate")),
    ("DNSSEC validation", re.compile(r"MailScan\.Dns\.Dnssec")),
    ("DNS wire codec and client", re.compile(r"MailScan\.Dns\.Wire|DnsWireClient")),
    ("caches (HybridCache, MemoryCache)", re.compile(r"Caching\.Hybrid|Caching\.Memory|LocalCache|DnsMessageCache")),
    ("bus (MassTransit in memory)", re.compile(r"MassTransit")),
    ("logging", re.compile(r"Microsoft\.Extensions\.Logging")),
    ("sockets", re.compile(r"System\.Net\.Sockets")),
    ("checks, verdicts, scanner", re.compile(r"MailScan\.")),
]


def json_category(frames):
    """System.Text.Json work, by who asked for it."""
    if any("MassTransit" in f for f in frames):
        return "evidence JSON: bus messages"
    if any("EvidenceAs" in f for f in frames):
        return "evidence JSON: verdicts reading evidence"
    if any("Caching.Hybrid" in f for f in frames):
        return "evidence JSON: cache copies"
    if any("ToElement" in f for f in frames):
        return "evidence JSON: probes writing evidence"
    return "evidence JSON: other"


def category(thread, frames):
    leaf = frames[0] if frames else ""
    if thread.startswith(".NET Tiered") or "libclrjit" in leaf:
        return "JIT compilation"
    if thread.startswith(".NET BGC"):
        return "GC (background thread)"
    if "kernel.kallsyms" in leaf and any(w in f for f in frames[:12] for w in ("sched_yield", "LowLevelLifoSemaphore", "LowLevelSpinWaiter")):
        return "thread pool spinning and waking"
    if any("System.Text.Json" in f for f in frames) and not any(REPORT.search(f) for f in frames):
        return json_category(frames)
    native = any(lib in leaf for lib in ("libcoreclr", "libc.so", "ld-linux"))
    for name, rule in RULES:
        if any(rule.search(f) for f in frames):
            return "runtime (GC, allocation, locks, type checks)" if native and name.startswith("checks") else name
    if native:
        return "runtime (GC, allocation, locks, type checks)"
    if "libcrypto" in leaf:
        return "OpenSSL (signatures, certificates; call chain lost)"
    return "kernel and other"


def samples(path):
    thread, frames = None, []
    for line in open(path, errors="replace"):
        if not line.strip():
            if thread is not None:
                yield thread, frames
            thread, frames = None, []
        elif line[0] not in " \t":
            match = re.match(r"^(.*?)\s+\d+(/\d+)?\s+", line)
            thread, frames = (match.group(1).strip() if match else line.split()[0]), []
        else:
            frames.append(line.strip())
    if thread is not None:
        yield thread, frames


def main():
    counts = collections.Counter(category(t, f) for t, f in samples(sys.argv[1]))
    total = sum(counts.values())
    per_domain = len(sys.argv) > 3
    for name, count in counts.most_common():
        ms = f"  {1000.0 * count / float(sys.argv[3]) / float(sys.argv[2]):5.2f} ms/domain" if per_domain else ""
        print(f"{100.0 * count / total:5.1f} %{ms}  {name}")
    print(f"{total} samples")


if __name__ == "__main__":
    main()
