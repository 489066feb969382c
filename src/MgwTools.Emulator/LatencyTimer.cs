using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace MgwTools.Emulator;

/// <summary>
/// Waits that end at their deadline to within about half a millisecond, for the emulator's injected latency.
/// <c>Task.Delay</c> cannot: the runtime's timer queue counts time in <c>Environment.TickCount64</c>, which on Linux is
/// <c>CLOCK_MONOTONIC_COARSE</c> and advances once per kernel tick (every 4 ms on a 250 Hz kernel). A 20 ms
/// <c>Task.Delay</c> measured there ended anywhere from 4 ms early to 6 ms late (0.4 ms late on average), and every
/// delay due within one tick ended at once: answers that arrived spread out went back in bursts, and with 16 requests
/// in flight the client's work on a burst queued for the CPU, which the figures then blamed on the client. Here one
/// background thread keeps the pending deadlines in order (on the high-resolution <see cref="Stopwatch"/> clock) and
/// sleeps on a monitor, whose timed wait ends about 0.1 ms after the time asked for; a deadline less than half a
/// millisecond away is met at once rather than a whole millisecond late. The thread starts with the first wait and
/// ends after a second without any.
/// </summary>
internal static class LatencyTimer
{
    private static readonly TimeSpan s_idle = TimeSpan.FromSeconds(1);
    private static readonly long s_halfMillisecond = Stopwatch.Frequency / 2000;
    private static readonly object s_lock = new();
    private static readonly SortedSet<Waiter> s_pending = new(WaiterOrder.Instance);
    private static long s_sequence;
    private static bool s_running;

    /// <summary>
    /// <paramref name="delay"/> in <see cref="Stopwatch"/> ticks, to add to a <see cref="Stopwatch.GetTimestamp"/> value; at
    /// most about 11 days (a latency beyond any test's patience), so that the sum cannot overflow.
    /// </summary>
    public static long Ticks(TimeSpan delay) => (long)(Math.Min(Math.Max(delay.TotalSeconds, 0), 1e6) * Stopwatch.Frequency);

    /// <summary>Ends at <paramref name="deadline"/> (a <see cref="Stopwatch.GetTimestamp"/> value), or cancelled.</summary>
    public static Task WaitUntilAsync(long deadline, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled(cancellationToken);
        if (deadline - Stopwatch.GetTimestamp() <= s_halfMillisecond) return Task.CompletedTask;

        var waiter = new Waiter(deadline);
        if (cancellationToken.CanBeCanceled)
        {
            // Before the thread can see the waiter, so that it never reads a registration being written.
            waiter.Registration = cancellationToken.Register(static state =>
            {
                var w = (Waiter)state!;
                lock (s_lock) s_pending.Remove(w);
                w.Completion.TrySetCanceled();
            }, waiter);
        }

        lock (s_lock)
        {
            waiter.Sequence = ++s_sequence;
            s_pending.Add(waiter);
            if (!s_running)
            {
                s_running = true;
                new Thread(Run) { IsBackground = true, Name = "MgwTools.Emulator latency" }.Start();
            }
            else if (ReferenceEquals(s_pending.Min, waiter))
            {
                // The thread sleeps towards a later deadline: wake it to sleep towards this one.
                Monitor.Pulse(s_lock);
            }
        }

        return waiter.Completion.Task;
    }

    private static void Run()
    {
        var due = new List<Waiter>();
        while (true)
        {
            lock (s_lock)
            {
                while (true)
                {
                    if (s_pending.Count == 0)
                    {
                        if (!Monitor.Wait(s_lock, s_idle) && s_pending.Count == 0)
                        {
                            s_running = false;
                            return;
                        }

                        continue;
                    }

                    long now = Stopwatch.GetTimestamp();
                    while (s_pending.Count > 0 && s_pending.Min!.Deadline - now <= s_halfMillisecond)
                    {
                        due.Add(s_pending.Min);
                        s_pending.Remove(s_pending.Min);
                    }

                    if (due.Count > 0) break;

                    // Whole milliseconds: the monitor's wait ends about 0.1 ms after the time asked for.
                    long ms = (s_pending.Min!.Deadline - now) * 1000 / Stopwatch.Frequency;
                    Monitor.Wait(s_lock, (int)Math.Min(Math.Max(ms, 1), int.MaxValue));
                }
            }

            // Outside the lock: the continuations run on the thread pool (RunContinuationsAsynchronously).
            foreach (Waiter waiter in due)
            {
                waiter.Registration.Dispose();
                waiter.Completion.TrySetResult(true);
            }

            due.Clear();
        }
    }

    private sealed class Waiter
    {
        public Waiter(long deadline) => Deadline = deadline;

        public long Deadline { get; }

        public long Sequence { get; set; }

        public CancellationTokenRegistration Registration { get; set; }

        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class WaiterOrder : IComparer<Waiter>
    {
        public static readonly WaiterOrder Instance = new();

        public int Compare(Waiter? x, Waiter? y) =>
            x!.Deadline != y!.Deadline ? x.Deadline.CompareTo(y.Deadline) : x.Sequence.CompareTo(y.Sequence);
    }
}
