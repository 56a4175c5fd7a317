"""Turns the raw output of the module benchmarks into bench/results/<date>.md.

Each area gets a table of our figure, the baseline measured in the same run and their ratio,
followed by the benchmark's own output, so nothing is lost in the summary.
"""
import os
import platform
import re
import sys
from datetime import datetime, timezone

work, report, load_before, load_after = sys.argv[1:5]


def read(name):
    path = os.path.join(work, name)
    return open(path, encoding="utf-8").read() if os.path.exists(path) else ""


def sections(text):
    """Splits the invoice benchmark's output at its '== title' lines."""
    parts, title = {}, None
    for line in text.splitlines():
        if line.startswith("== "):
            title = line[3:].strip()
            parts[title] = []
        elif title:
            parts[title].append(line)
    return {k: "\n".join(v) for k, v in parts.items()}


def wrk_figures(text):
    """Requests/s and latency percentiles (ms) from wrk --latency output."""
    def ms(value, unit):
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    figures = {}
    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    if rps:
        figures["rps"] = float(rps.group(1))
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        if m:
            figures["p" + pct] = ms(m.group(1), m.group(2))
    return figures


def ratio(ours, base):
    return f"{ours / base:.2f}" if ours and base else "n/a"


def fmt(value, unit=""):
    return "n/a" if value is None else f"{value:,.2f}{unit}"


mem_kb = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
lines = [
    f"# Benchmark report, {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
    "",
    f"Machine: {os.cpu_count()} cores, {mem_kb / 1024 / 1024:.1f} GiB memory, {platform.platform()}; "
    f"load average before {load_before}, after {load_after}. Produced by `bench/run`.",
    "Every baseline was measured in the same run on the same machine; compare the ratios, not the "
    "absolute figures, since the machine is shared and noisy.",
    "",
]

invoice = sections(read("invoice.txt"))
# The invoice benchmark prints one line per issue-14 scenario under "== summary", each with its
# figure, the bare route's figure of the same run, the ratio and the target.
summary = [line for line in invoice.get("summary", "").splitlines() if line[:1].isdigit()]
lines += [
    "## invoice-service: the key chain (GET /api/v1/me vs GET /ping, no key, same run)",
    "",
]
lines += [f"- {line}" for line in summary] or ["- n/a (the invoice benchmark printed no summary)"]
lines.append("")
uploads = [(k, wrk_figures(v)) for k, v in invoice.items() if k.startswith("uploads")]
if uploads:
    lines += ["| uploads | per second |", "|---|---|"]
    lines += [f"| {k} | {fmt(f.get('rps'))} |" for k, f in uploads]
    lines.append("")
rss = re.search(r"peak RSS: (.*)", read("invoice.txt"))
oom = re.search(r"OutOfMemoryError: (\w+)", read("invoice.txt"))
lines += [f"Peak RSS of invoice-service during 20 concurrent 10 MB uploads at -Xmx256m: "
          f"{rss.group(1) if rss else 'n/a'}; OutOfMemoryError: {oom.group(1) if oom else 'n/a'}.", ""]

processing = read("processing.txt")
latency_pattern = (r"latency\[{}\]: upload response -> terminal event p50 ([\d.]+) ms p99 ([\d.]+) ms"
                   r" \| -> invoice.processing p50 ([\d.]+) ms \| PDFBox parse alone p50 ([\d.]+) ms p99 ([\d.]+) ms")
terminals = re.findall(r"terminal events: \{(.*)\}", processing)
lines += ["## invoice-service: processing latency and WebSocket fan-out", "",
          "| measure | ours | baseline | ratio |", "|---|---|---|---|"]
for index, pages in enumerate(("1 page", "100 pages")):
    m = re.search(latency_pattern.format(pages), processing)
    if not m:
        lines.append(f"| {pages}: upload response -> terminal event | n/a | | |")
        continue
    p50, p99, pick_up, parse50, parse99 = (float(v) for v in m.groups())
    seen = terminals[index] if index < len(terminals) else "n/a"
    lines.append(f"| {pages}: upload response -> terminal event ({seen}), p50 / p99 | {fmt(p50, ' ms')} / {fmt(p99, ' ms')}"
                 f" (picked up after {fmt(pick_up, ' ms')}) | PDFBox parse alone {fmt(parse50, ' ms')} / {fmt(parse99, ' ms')}"
                 f" | {ratio(p50, parse50)} |")
fan = re.search(r"fanout: (\d+) of (\d+) events delivered \((-?\d+) missing\) in [\d.]+ s: ([\d.]+) events/s at the clients"
                r" \(peak 1-second (\d+)\) \| status changes ([\d.]+)/s x (\d+) sockets = ([\d.]+)/s needed", processing)
if fan:
    lines.append(f"| events/s delivered to {fan.group(7)} sockets of one key ({fan.group(3)} of {fan.group(2)} missing, "
                 f"peak 1-second {fan.group(5)}) | {fmt(float(fan.group(4)))} | status changes/s x sockets "
                 f"{fmt(float(fan.group(8)))} | {ratio(float(fan.group(4)), float(fan.group(8)))} |")
else:
    lines.append("| events/s delivered to 5 sockets | n/a | | |")
lines += ["", "```", processing.strip(), "```", ""]

lines += ["## ratelimit-service: decisions over gRPC vs the raw Redis ceiling and Bucket4j", "",
          "The benchmark prints its own table (ratio columns included):", "", "```", read("ratelimit.txt").strip(), "```", ""]
lines += ["## auth-service: key exchange vs a plain indexed SELECT", "", "```", read("auth.txt").strip(), "```", ""]
lines += ["## invoice-service raw output", "", "```", read("invoice.txt").strip(), "```", ""]

os.makedirs(os.path.dirname(report), exist_ok=True)
with open(report, "w", encoding="utf-8") as out:
    out.write("\n".join(lines) + "\n")
