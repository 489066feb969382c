using System;
using System.Collections.Generic;
using System.Linq;

namespace MgwTools.Emulator;

/// <summary>A fault the emulator can inject into a request.</summary>
public enum EmulatorFault
{
    /// <summary>HTTP 500 <c>InternalError</c>; nothing is done.</summary>
    ServerError,
    /// <summary>HTTP 503 <c>ServiceUnavailable</c> without <c>Retry-After</c>; nothing is done.</summary>
    ServiceUnavailable,
    /// <summary>HTTP 503 <c>ServiceUnavailable</c> with <c>Retry-After: &lt;seconds&gt;</c>; nothing is done.</summary>
    RetryAfter,
    /// <summary>The connection is reset without an answer; nothing is done.</summary>
    Drop,
    /// <summary>CreateJob only: the request is carried out (the job is created), then the connection is reset.</summary>
    CommitThenDrop,
}

/// <summary>
/// Fault injection settings. Each request draws from a <see cref="Random"/> seeded with <see cref="Seed"/>:
/// first whether it faults (<see cref="Rate"/>), then which of the applicable <see cref="Kinds"/>, so the
/// same seed and the same sequence of requests give the same faults. Latency is drawn from a separate
/// generator so changing it does not change the fault sequence.
/// </summary>
public sealed class EmulatorFaultOptions
{
    /// <summary>No faults, no latency.</summary>
    public static EmulatorFaultOptions None { get; } = new();

    /// <summary>Fraction of requests (0..1) that get a fault.</summary>
    public double Rate { get; set; }

    /// <summary>The kinds to choose from; empty means all of them.</summary>
    public IReadOnlyList<EmulatorFault> Kinds { get; set; } = Array.Empty<EmulatorFault>();

    /// <summary>Seed of the generators.</summary>
    public int Seed { get; set; }

    /// <summary>
    /// Delay before every answer, counted from the request's arrival (real time, not the emulator clock; met to within
    /// about half a millisecond).
    /// </summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Up to this much is added to <see cref="Latency"/>, uniformly, per request.</summary>
    public TimeSpan LatencyJitter { get; set; }

    /// <summary>The <c>Retry-After</c> value of <see cref="EmulatorFault.RetryAfter"/>, in seconds.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>The kinds in effect (all when <see cref="Kinds"/> is empty).</summary>
    public IReadOnlyList<EmulatorFault> EffectiveKinds =>
        Kinds is { Count: > 0 } ? Kinds.Distinct().ToArray() : (EmulatorFault[])Enum.GetValues(typeof(EmulatorFault));

    /// <summary>A summary for verbose lines and tables.</summary>
    public override string ToString() =>
        Rate <= 0 && Latency <= TimeSpan.Zero
            ? "none"
            : $"rate {Rate:0.###} of {string.Join(",", EffectiveKinds)}, seed {Seed}, latency {Latency.TotalMilliseconds:0} ms" +
              (LatencyJitter > TimeSpan.Zero ? $" (+ up to {LatencyJitter.TotalMilliseconds:0} ms)" : "");

    internal void Validate()
    {
        if (double.IsNaN(Rate) || Rate < 0 || Rate > 1) throw new ArgumentOutOfRangeException(nameof(Rate), Rate, "The fault rate must be between 0 and 1.");
        if (Latency < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Latency), Latency, "The latency cannot be negative.");
        if (LatencyJitter < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(LatencyJitter), LatencyJitter, "The jitter cannot be negative.");
        if (RetryAfterSeconds < 0) throw new ArgumentOutOfRangeException(nameof(RetryAfterSeconds), RetryAfterSeconds, "Retry-After cannot be negative.");
    }
}

/// <summary>Draws faults and latencies reproducibly; one instance per <see cref="EmulatorFaultOptions"/> in force.</summary>
internal sealed class FaultPlan
{
    private readonly object _lock = new();
    private readonly Random _faults;
    private readonly Random _latency;
    private readonly IReadOnlyList<EmulatorFault> _kinds;
    private readonly Queue<EmulatorFault> _scripted = new();

    public FaultPlan(EmulatorFaultOptions options)
    {
        Options = options;
        _faults = new Random(options.Seed);
        _latency = new Random(unchecked(options.Seed * 31 + 17));
        _kinds = options.EffectiveKinds;
    }

    public EmulatorFaultOptions Options { get; }

    public void Enqueue(EmulatorFault fault, int count)
    {
        lock (_lock)
        {
            for (int i = 0; i < count; i++) _scripted.Enqueue(fault);
        }
    }

    /// <summary>The fault for the next request, or null; <paramref name="isCreateJob"/> decides whether CommitThenDrop applies.</summary>
    public EmulatorFault? Next(bool isCreateJob)
    {
        lock (_lock)
        {
            if (_scripted.Count > 0 && (isCreateJob || _scripted.Peek() != EmulatorFault.CommitThenDrop))
            {
                return _scripted.Dequeue();
            }

            if (Options.Rate <= 0) return null;
            // Always two draws per request, so the sequence depends only on the seed and the request order.
            double roll = _faults.NextDouble();
            int pick = _faults.Next(int.MaxValue);
            if (roll >= Options.Rate) return null;
            var applicable = isCreateJob ? _kinds : _kinds.Where(k => k != EmulatorFault.CommitThenDrop).ToArray();
            return applicable.Count == 0 ? null : applicable[pick % applicable.Count];
        }
    }

    public TimeSpan NextLatency()
    {
        if (Options.Latency <= TimeSpan.Zero && Options.LatencyJitter <= TimeSpan.Zero) return TimeSpan.Zero;
        lock (_lock)
        {
            double jitter = Options.LatencyJitter > TimeSpan.Zero ? _latency.NextDouble() * Options.LatencyJitter.TotalMilliseconds : 0;
            return Options.Latency + TimeSpan.FromMilliseconds(jitter);
        }
    }
}
