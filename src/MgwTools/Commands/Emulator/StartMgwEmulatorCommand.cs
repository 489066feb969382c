using System;
using System.Globalization;
using System.Management.Automation;
using MgwTools.Emulator;
using MgwTools.Transforms;

namespace MgwTools.Commands;

/// <summary>
/// <para type="synopsis">Starts a local mgw-compatible service on 127.0.0.1 for tests, demos and CI dry runs.</para>
/// </summary>
/// <remarks>
/// SupportsShouldProcess with ConfirmImpact Low: it changes only local state (a port and the session's
/// context), which is what style-anchors §9 item 14 reserves Low for, and every Start-* supports -WhatIf.
/// </remarks>
[Cmdlet(VerbsLifecycle.Start, "MgwEmulator", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(MgwEmulatorInfo))]
public sealed class StartMgwEmulatorCommand : MgwCmdlet
{
    #region Parameters

    /// <summary>TCP port on 127.0.0.1; 0 (the default) picks a free one.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary>The account id (UID) the service answers for.</summary>
    [Parameter]
    [ValidatePattern(@"^\d{1,32}$")]
    public string AccountId { get; set; } = MgwEmulatorOptions.DefaultAccountId;

    /// <summary>The region the service serves; requests must be signed for it.</summary>
    [Parameter]
    [ValidatePattern(@"^[a-z0-9-]+$")]
    public string Region { get; set; } = "cn-hangzhou";

    /// <summary>Names of data addresses to create up front.</summary>
    [Parameter]
    [ValidateNotNull]
    public string[] Address { get; set; } = Array.Empty<string>();

    /// <summary>Delay before every answer: milliseconds, a TimeSpan, or '20ms' / '1.5s'.</summary>
    [Parameter]
    [MillisecondsTimeSpanTransform]
    public TimeSpan Latency { get; set; }

    /// <summary>Fraction (0 to 1) of requests that get an injected fault.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double FaultRate { get; set; }

    /// <summary>The fault kinds to inject; all of them when omitted.</summary>
    [Parameter]
    [ValidateNotNull]
    public EmulatorFault[] Fault { get; set; } = Array.Empty<EmulatorFault>();

    /// <summary>Seed of the fault generator and of the run figures; a random one when omitted (shown in the output).</summary>
    [Parameter]
    public int Seed { get; set; }

    /// <summary>System: the clock follows real time. Manual: it stands still until moved with AdvanceClock().</summary>
    [Parameter]
    public EmulatorClockMode Clock { get; set; } = EmulatorClockMode.System;

    /// <summary>Share (0 to 1) of each run's files that fail, leaving a failed-file list to retry.</summary>
    [Parameter]
    [ValidateRange(0.0, 1.0)]
    public double FailureRate { get; set; }

    /// <summary>Most entries in one page of ListJob, ListAddress and ListJobHistory.</summary>
    [Parameter]
    [ValidateRange(1, 1000)]
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>Most jobs the service holds (the real quota is 500).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MaxJobs { get; set; } = 500;

    /// <summary>Most agents the service holds (the real quota is 100).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MaxAgents { get; set; } = 100;

    /// <summary>Most tunnels the service holds (the real quota is 100).</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int MaxTunnels { get; set; } = 100;

    /// <summary>How deep child jobs may nest (1 = children of top-level jobs only).</summary>
    [Parameter]
    [ValidateRange(0, 100)]
    public int MaxDepth { get; set; } = 1;

    /// <summary>Do not point the session's context at the service.</summary>
    [Parameter]
    public SwitchParameter NoConnect { get; set; }

    /// <summary>Return an object with the endpoint, account, region and keys.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    #endregion

    #region Overrides

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        string target = Port == 0 ? "127.0.0.1 (a free port)" : string.Format(CultureInfo.InvariantCulture, "127.0.0.1:{0}", Port);
        if (!ShouldProcess(target, "Start local mgw service"))
        {
            return;
        }

        int seed = MyInvocation.BoundParameters.ContainsKey(nameof(Seed)) ? Seed : Environment.TickCount & int.MaxValue;
        var options = new MgwEmulatorOptions
        {
            Port = Port,
            AccountId = AccountId,
            Region = Region,
            MaxJobs = MaxJobs,
            MaxAgents = MaxAgents,
            MaxTunnels = MaxTunnels,
            MaxDepth = MaxDepth,
            Faults = new EmulatorFaultOptions { Rate = FaultRate, Kinds = Fault, Seed = seed, Latency = Latency },
            Seed = seed,
            FailureRate = FailureRate,
            MaxPageSize = MaxPageSize,
            // A manual clock starts at the current second and stands there until moved.
            Clock = Clock == EmulatorClockMode.Manual
                ? EmulatorClock.Manual(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()))
                : null,
        };

        MgwEmulator emulator;
        try
        {
            emulator = MgwEmulator.StartNew(options);
        }
        catch (MgwException ex)
        {
            ThrowMgwError(ex.Error, Port, ex);
            return;
        }

        try
        {
            foreach (string name in Address)
            {
                emulator.AddAddress(name);
            }
        }
        catch (MgwException ex)
        {
            emulator.Dispose();
            ThrowMgwError(ex.Error, ex.Error.Value, ex);
            return;
        }

        var info = new MgwEmulatorInfo(emulator, seed);
        EmulatorRegistry.Add(info);
        WriteVerbose($"Started the local mgw service at '{info.Endpoint}' for account '{info.AccountId}' in region '{info.Region}' " +
                     $"with AccessKey ID '{info.AccessKeyId}'; clock: {info.Clock}; seed {info.Seed}; failure rate {FailureRate.ToString("0.###", CultureInfo.InvariantCulture)}; " +
                     $"page size {MaxPageSize}; faults: {info.Faults}.");
        if (Address.Length > 0)
        {
            WriteVerbose($"Created data addresses: {string.Join(", ", Address)}.");
        }

        if (!NoConnect)
        {
            MgwContext context = EmulatorSession.Connect(info);
            WriteVerbose($"The session is connected to the local service: {context}.");
        }

        if (PassThru)
        {
            WriteObject(info);
        }
    }

    #endregion
}
