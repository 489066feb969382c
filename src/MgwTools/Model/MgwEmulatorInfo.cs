using System;
using System.Management.Automation;
using System.Security;
using MgwTools.Emulator;

namespace MgwTools;

/// <summary>
/// A running (or stopped) local mgw service, as <c>Start-MgwEmulator -PassThru</c> returns it. The secret is
/// only reachable through <see cref="Credential"/> (a <see cref="PSCredential"/>), so default output,
/// <c>ConvertTo-Json</c> and <see cref="ToString"/> never show it.
/// </summary>
public sealed class MgwEmulatorInfo
{
    internal MgwEmulatorInfo(MgwEmulator emulator, int seed)
    {
        Emulator = emulator;
        Endpoint = emulator.Endpoint;
        AccountId = emulator.AccountId;
        Region = emulator.Region;
        AccessKeyId = emulator.AccessKeyId;
        Seed = seed;
        StartTime = DateTimeOffset.Now;
        var secret = new SecureString();
        foreach (char c in emulator.AccessKeySecret) secret.AppendChar(c);
        secret.MakeReadOnly();
        Credential = new PSCredential(emulator.AccessKeyId, secret);
    }

    /// <summary>The base address, <c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port => Endpoint.Port;

    /// <summary>The account id the service answers for.</summary>
    public string AccountId { get; }

    /// <summary>The region requests must be signed for.</summary>
    public string Region { get; }

    /// <summary>The generated AccessKey ID (a test key of this instance).</summary>
    public string AccessKeyId { get; }

    /// <summary>The AccessKey pair: user name = ID, password = secret (use <c>GetNetworkCredential().Password</c> in scripts).</summary>
    public PSCredential Credential { get; }

    /// <summary>The seed of the faults and the run figures (same seed, same faults for the same requests and the same figures for the same source address).</summary>
    public int Seed { get; }

    /// <summary>Fault injection and latency in force.</summary>
    public string Faults => Emulator.Faults.ToString();

    /// <summary>When it was started (local time).</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>True until it is stopped.</summary>
    public bool IsRunning => Emulator.IsRunning;

    /// <summary>True while the current session's context is the one Start-MgwEmulator set for this service.</summary>
    public bool Connected => Context is not null && ReferenceEquals(MgwSession.Get(), Context);

    /// <summary>Number of jobs it holds now.</summary>
    public int JobCount => Emulator.JobCount;

    /// <summary>Names of its data addresses now.</summary>
    public string[] Addresses => Array.ConvertAll(System.Linq.Enumerable.ToArray(Emulator.Addresses), a => a.Name);

    /// <summary>Counters of requests, faults and answers so far.</summary>
    public EmulatorStats Stats => Emulator.Stats;

    /// <summary>The service's clock: job states, schedules, timestamps and the request-date skew check follow it.</summary>
    public EmulatorClock Clock => Emulator.Clock;

    /// <summary>Share (0 to 1) of each run's files that fail.</summary>
    public double FailureRate => Emulator.Options.FailureRate;

    /// <summary>Most entries in one page of ListJob, ListAddress and ListJobHistory.</summary>
    public int MaxPageSize => Emulator.Options.MaxPageSize;

    /// <summary>Makes <paramref name="rate"/> (0 to 1) of the files of runs from <paramref name="sourceAddress"/> fail, overriding -FailureRate for that source.</summary>
    public void SetFailureRate(string sourceAddress, double rate) => Emulator.SetFailureRate(sourceAddress, rate);

    /// <summary>
    /// Moves a manual clock (<c>Start-MgwEmulator -Clock Manual</c>) forward by <paramref name="by"/> and returns the
    /// new time: runs progress, schedules fire and deletions complete as if that time had passed. Requests signed
    /// with the real time are still accepted.
    /// </summary>
    /// <exception cref="InvalidOperationException">The clock follows real time.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="by"/> is negative.</exception>
    public DateTimeOffset AdvanceClock(TimeSpan by)
    {
        if (!Emulator.Clock.IsManual)
        {
            throw new InvalidOperationException(
                "This local service's clock follows real time; moving it would make every signed request fail with RequestTimeTooSkewed. " +
                "Start the service with -Clock Manual to move its clock with AdvanceClock().");
        }

        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "The clock only moves forward; give a positive time span such as '01:00:00'.");
        }

        Emulator.Clock.Advance(by);
        return Emulator.Clock.UtcNow;
    }

    /// <summary>The jobs it holds now (name, status, runs, parent, spec), brought up to its clock.</summary>
    public EmulatorJob[] GetJobs() => System.Linq.Enumerable.ToArray(Emulator.Jobs);

    /// <summary>The agents it holds now, with the state GetAgentStatus answers for each (never an activation key).</summary>
    public EmulatorAgent[] GetAgents() => System.Linq.Enumerable.ToArray(Emulator.Agents);

    /// <summary>The tunnels it holds now, with how many agents use each.</summary>
    public EmulatorTunnel[] GetTunnels() => System.Linq.Enumerable.ToArray(Emulator.Tunnels);

    /// <summary>
    /// Sets what GetAgentStatus answers for agent <paramref name="name"/> from now on: <c>OK</c> (a new agent's state),
    /// <c>Disconnected</c> or <c>NoResponse</c>; the IP and version too when given.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is not one of the three.</exception>
    /// <exception cref="MgwException"><c>NoSuchImportAgent</c>: no agent of that name.</exception>
    public void SetAgentStatus(string name, string status, string? agentIp = null, string? agentVersion = null) =>
        Emulator.SetAgentStatus(name, status, agentIp, agentVersion);

    /// <summary>The context Start-MgwEmulator connected, if it did.</summary>
    internal MgwContext? Context { get; set; }

    /// <summary>The service itself; internal so its secret is not a property a formatter can reach.</summary>
    internal MgwEmulator Emulator { get; }

    /// <summary>The endpoint.</summary>
    public override string ToString() => Endpoint.ToString();
}
