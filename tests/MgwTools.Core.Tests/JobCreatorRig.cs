using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;
using MgwTools.Emulator;

namespace MgwTools.Core.Tests;

/// <summary>
/// Sits between an <see cref="MgwClient"/> and the emulator: records every request ("GET /job/x"), counts the
/// requests in flight (and the peak), and lets a test hold requests back, asynchronously or (to widen a race
/// window) synchronously inside the send call.
/// </summary>
internal sealed class CountingHandler : DelegatingHandler
{
    private int _inFlight;
    private int _peak;

    public CountingHandler()
        : base(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false })
    {
    }

    /// <summary>Every request that reached the handler, in arrival order, as "METHOD /path".</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>Awaited before a request goes on (after it is counted as in flight); null: none.</summary>
    public Func<HttpRequestMessage, Task>? Hold { get; set; }

    /// <summary>Run synchronously, on the caller's thread, before anything else; null: none.</summary>
    public Action<HttpRequestMessage>? BlockSynchronously { get; set; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Peak => Volatile.Read(ref _peak);

    public int Count(string call) => Calls.Count(c => c == call);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        BlockSynchronously?.Invoke(request);
        return Counted(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> Counted(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls.Enqueue(Describe(request));
        int now = Interlocked.Increment(ref _inFlight);
        int peak;
        while (now > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, peak) != peak)
        {
        }

        try
        {
            if (Hold is { } hold) await hold(request).WaitAsync(cancellationToken).ConfigureAwait(false);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public static string Describe(HttpRequestMessage request) => request.Method.Method + " " + request.RequestUri!.AbsolutePath;
}

/// <summary>
/// The emulator on a manual clock (so a started job stays IMPORT_JOB_LAUNCHING), addresses src0..src{n-1} and
/// dst0..dst{n-1}, and an <see cref="MgwClient"/> that talks to it through a <see cref="CountingHandler"/>.
/// </summary>
internal sealed class JobCreatorRig : IDisposable
{
    public JobCreatorRig(int addressPairs = 4, Action<MgwEmulatorOptions>? configure = null, Action<MgwClientOptions>? tweak = null)
    {
        var options = new MgwEmulatorOptions { Clock = EmulatorClock.Manual(EmulatorFixture.Start) };
        configure?.Invoke(options);
        Emulator = MgwEmulator.StartNew(options);
        for (int i = 0; i < addressPairs; i++)
        {
            Emulator.AddAddress("src" + i);
            Emulator.AddAddress("dst" + i);
        }

        var clientOptions = new MgwClientOptions
        {
            Endpoint = Emulator.Endpoint,
            AccountId = Emulator.AccountId,
            Region = Emulator.Region,
            Credentials = new MgwCredentials(Emulator.AccessKeyId, Emulator.AccessKeySecret, Emulator.SecurityToken, "Explicit"),
            AttemptTimeout = TimeSpan.FromSeconds(10),
            MaxRetries = 3,
            BaseDelay = TimeSpan.FromMilliseconds(10),
            MaxDelay = TimeSpan.FromMilliseconds(50),
            Handler = Handler,
            Clock = () => Emulator.Clock.UtcNow,
            Log = Log.Enqueue,
        };
        tweak?.Invoke(clientOptions);
        Client = new MgwClient(clientOptions);
    }

    public MgwEmulator Emulator { get; }

    public CountingHandler Handler { get; } = new();

    public MgwClient Client { get; }

    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>A valid spec from address pair <paramref name="pair"/>.</summary>
    public static MgwJobSpec Spec(string name, int pair = 0) => new()
    {
        Name = name,
        SourceAddress = "src" + pair,
        DestinationAddress = "dst" + pair,
        OverwriteMode = OverwriteMode.Always,
        TransferMode = TransferMode.All,
    };

    public void Dispose()
    {
        Client.Dispose();
        Handler.Dispose();
        Emulator.Dispose();
    }
}
