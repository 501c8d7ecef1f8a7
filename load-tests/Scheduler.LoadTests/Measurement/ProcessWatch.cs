using System.Globalization;

namespace Scheduler.LoadTests.Measurement;

/// <summary>A process whose CPU time and memory a run reports (with its descendants, for trees such as PostgreSQL's).</summary>
public sealed record WatchedProcess(string Name, int Pid, bool WithDescendants = false);

/// <summary>CPU and memory of one watched process (or tree) over a run.</summary>
/// <param name="Name">What it is (load tool, silo0, api1, postgresql, ...).</param>
/// <param name="Pids">Its process ids (a tree's members seen while sampling).</param>
/// <param name="CpuSeconds">CPU time (user + system) spent during the arrival window.</param>
/// <param name="Cores">That CPU time divided by the window's length: how many cores it kept busy on average.</param>
/// <param name="PeakRssMb">Peak resident memory: the kernel's high-water mark (VmHWM) for a single process;
/// for a tree the largest sum of the members' proportional set sizes (Pss: shared pages divided among
/// their users, so PostgreSQL's shared buffers count once) seen while sampling.</param>
public sealed record ProcessFigures(string Name, IReadOnlyList<int> Pids, double CpuSeconds, double Cores, double PeakRssMb);

/// <summary>The machine during the arrival window.</summary>
/// <param name="Cores">Logical processors.</param>
/// <param name="WindowSeconds">Length of the arrival window as measured.</param>
/// <param name="BusyCores">All CPU time spent on the machine (every process, kernel included) per second of the window.</param>
/// <param name="OtherCores">What of it was neither the tool nor a watched process: other people's work.</param>
/// <param name="LoadAverageBefore">The 1-minute load average when the watch started (before the arrivals).</param>
/// <param name="LoadAverageAfter">The 1-minute load average when the figures were taken (after the drain).</param>
public sealed record MachineFigures(int Cores, double WindowSeconds, double BusyCores, double OtherCores, double LoadAverageBefore, double LoadAverageAfter);

/// <summary>Everything the watch found.</summary>
public sealed record ResourceFigures(MachineFigures? Machine, IReadOnlyList<ProcessFigures> Processes, string? Note);

/// <summary>
/// Samples, once a second, the CPU time and resident memory of the load tool itself and of the
/// scheduler's processes (Linux <c>/proc</c>), and the machine's CPU time, so a run can say where the
/// cores went (tool, server, PostgreSQL, other people's work) and how much memory each process peaked at.
/// </summary>
public sealed class ProcessWatch : IAsyncDisposable
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly List<Entry> _entries;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly double _loadBefore;
    private readonly Lock _gate = new();
    private (double Busy, double Total)? _machineStart;
    private (double Busy, double Total)? _machineEnd;
    private long _windowStart;
    private long _windowEnd;

    public ProcessWatch(IEnumerable<WatchedProcess> processes, TimeSpan interval)
    {
        _entries = [new Entry(new WatchedProcess("load tool", Environment.ProcessId))];
        _entries.AddRange(processes.Select(p => new Entry(p)));
        _loadBefore = LoadAverage();
        _loop = OperatingSystem.IsLinux() ? Task.Run(() => LoopAsync(interval)) : Task.CompletedTask;
    }

    public static bool Supported => OperatingSystem.IsLinux();

    /// <summary>The arrival window starts: CPU counters are read now.</summary>
    public void StartWindow()
    {
        lock (_gate)
        {
            _windowStart = System.Diagnostics.Stopwatch.GetTimestamp();
            _machineStart = MachineTicks();
            foreach (var e in _entries)
            {
                e.CpuAtStart = e.Cpu();
            }
        }
    }

    /// <summary>The arrival window ends.</summary>
    public void EndWindow()
    {
        lock (_gate)
        {
            _windowEnd = System.Diagnostics.Stopwatch.GetTimestamp();
            _machineEnd = MachineTicks();
            foreach (var e in _entries)
            {
                e.CpuAtEnd = e.Cpu();
            }
        }
    }

    public ResourceFigures Figures()
    {
        if (!Supported)
        {
            return new ResourceFigures(null, [], "process figures need Linux /proc");
        }

        lock (_gate)
        {
            foreach (var e in _entries)
            {
                e.Sample();
            }

            var window = _windowEnd > _windowStart ? System.Diagnostics.Stopwatch.GetElapsedTime(_windowStart, _windowEnd).TotalSeconds : 0;
            var processes = _entries.Select(e =>
            {
                var cpu = e.CpuAtEnd - e.CpuAtStart;
                return new ProcessFigures(e.Process.Name, e.Pids.Order().ToList(), Math.Round(cpu, 2), window > 0 ? Math.Round(cpu / window, 3) : 0, Math.Round(e.PeakRssKb / 1024.0, 1));
            }).ToList();
            MachineFigures? machine = null;
            if (_machineStart is { } a && _machineEnd is { } b && window > 0)
            {
                var busyCores = (b.Busy - a.Busy) / TicksPerSecond / window;
                var watched = processes.Sum(p => p.Cores);
                machine = new MachineFigures(Environment.ProcessorCount, Math.Round(window, 2), Math.Round(busyCores, 3), Math.Round(Math.Max(0, busyCores - watched), 3), _loadBefore, LoadAverage());
            }

            return new ResourceFigures(machine, processes, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>The 1-minute load average (0 when unknown).</summary>
    public static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            lock (_gate)
            {
                foreach (var e in _entries)
                {
                    e.Sample();
                }
            }
        }
        while (await timer.WaitForNextTickAsync(_stop.Token));
    }

    /// <summary>Busy and total ticks of all cores, from the first line of /proc/stat.</summary>
    private static (double Busy, double Total)? MachineTicks()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var idle = fields[3] + (fields.Length > 4 ? fields[4] : 0);
            var total = fields.Take(8).Sum();
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private sealed class Entry(WatchedProcess process)
    {
        // CPU ticks of members that have ended, so a tree's total never goes backwards.
        private readonly Dictionary<int, double> _lastTicks = [];

        public WatchedProcess Process { get; } = process;
        public HashSet<int> Pids { get; } = [process.Pid];
        public double CpuAtStart { get; set; }
        public double CpuAtEnd { get; set; }
        public long PeakRssKb { get; private set; }

        /// <summary>CPU seconds of the process (and of its descendants, ended ones included) so far.</summary>
        public double Cpu()
        {
            Refresh();
            return _lastTicks.Values.Sum() / TicksPerSecond;
        }

        public void Sample()
        {
            Refresh();
            var members = Members();
            long rss = 0;
            foreach (var pid in members)
            {
                rss += Process.WithDescendants ? Proportional(pid) : HighWater(pid);
            }

            PeakRssKb = Math.Max(PeakRssKb, rss);
        }

        private void Refresh()
        {
            foreach (var pid in Members())
            {
                Pids.Add(pid);
                if (Ticks(pid) is { } ticks)
                {
                    _lastTicks[pid] = ticks;
                }
            }
        }

        private IEnumerable<int> Members() =>
            Process.WithDescendants ? ChildProcess.Descendants(Process.Pid).Append(Process.Pid) : [Process.Pid];

        private static double? Ticks(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');

                // Fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command name.
                return double.Parse(fields[11], CultureInfo.InvariantCulture) + double.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException or IndexOutOfRangeException)
            {
                return null;
            }
        }

        /// <summary>The larger of the current resident size and its high-water mark (kB).</summary>
        private static long HighWater(int pid)
        {
            long current = 0, high = 0;
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                {
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        current = Kb(line);
                    }
                    else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        high = Kb(line);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }

            return Math.Max(current, high);
        }

        /// <summary>The proportional set size (kB), from smaps_rollup.</summary>
        private static long Proportional(int pid)
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
                {
                    if (line.StartsWith("Pss:", StringComparison.Ordinal))
                    {
                        return Kb(line);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }

            return 0;
        }

        private static long Kb(string line) =>
            long.TryParse(line.Split(':')[1].Trim().Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb : 0;
    }
}
