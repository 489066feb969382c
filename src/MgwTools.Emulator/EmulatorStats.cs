using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace MgwTools.Emulator;

/// <summary>Counters since start (or the last <see cref="MgwEmulator.Reset"/>); a snapshot, safe to keep.</summary>
public sealed class EmulatorStats
{
    internal EmulatorStats(long requests, long jobsCreated, IDictionary<EmulatorFault, long> faults,
        IDictionary<int, long> statuses, IDictionary<string, long> errors)
    {
        Requests = requests;
        JobsCreated = jobsCreated;
        FaultsByKind = new Dictionary<EmulatorFault, long>(faults);
        ResponsesByStatus = new Dictionary<int, long>(statuses);
        ErrorsByCode = new Dictionary<string, long>(errors);
    }

    /// <summary>Requests received (every one, faulted or not).</summary>
    public long Requests { get; }

    /// <summary>Jobs created by CreateJob (including those whose answer was dropped).</summary>
    public long JobsCreated { get; }

    /// <summary>Faults injected, all kinds.</summary>
    public long Faults => FaultsByKind.Values.Sum();

    /// <summary>Faults injected, per kind.</summary>
    public IReadOnlyDictionary<EmulatorFault, long> FaultsByKind { get; }

    /// <summary>Answers sent, per HTTP status (dropped requests have none).</summary>
    public IReadOnlyDictionary<int, long> ResponsesByStatus { get; }

    /// <summary>Error answers sent, per error code.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByCode { get; }

    /// <summary>Faults of one kind.</summary>
    public long Count(EmulatorFault kind) => FaultsByKind.TryGetValue(kind, out long n) ? n : 0;

    /// <summary>Error answers with one code.</summary>
    public long Count(string errorCode) => ErrorsByCode.TryGetValue(errorCode, out long n) ? n : 0;

    /// <inheritdoc />
    public override string ToString() => $"{Requests} requests, {Faults} faults, {JobsCreated} jobs created";
}

/// <summary>The live counters behind <see cref="EmulatorStats"/>.</summary>
internal sealed class StatsCounters
{
    private long _requests;
    private long _jobsCreated;
    private readonly ConcurrentDictionary<EmulatorFault, long> _faults = new();
    private readonly ConcurrentDictionary<int, long> _statuses = new();
    private readonly ConcurrentDictionary<string, long> _errors = new();

    public void Request() => Interlocked.Increment(ref _requests);

    public void JobCreated() => Interlocked.Increment(ref _jobsCreated);

    public void Fault(EmulatorFault kind) => _faults.AddOrUpdate(kind, 1, (_, n) => n + 1);

    public void Response(int status, string? errorCode)
    {
        _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (errorCode is not null) _errors.AddOrUpdate(errorCode, 1, (_, n) => n + 1);
    }

    public void Clear()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _jobsCreated, 0);
        _faults.Clear();
        _statuses.Clear();
        _errors.Clear();
    }

    public EmulatorStats Snapshot() =>
        new(Interlocked.Read(ref _requests), Interlocked.Read(ref _jobsCreated),
            _faults.ToDictionary(p => p.Key, p => p.Value), _statuses.ToDictionary(p => p.Key, p => p.Value),
            _errors.ToDictionary(p => p.Key, p => p.Value));
}
