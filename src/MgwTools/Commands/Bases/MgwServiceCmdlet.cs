using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Core.Client;

namespace MgwTools.Commands;

/// <summary>
/// Base of every cmdlet that calls the service: owns <c>-Context</c> and turns "no context" into the
/// <see cref="MgwErrorCodes.NotConnected"/> error, and builds the one <see cref="MgwClient"/> a command
/// uses (<see cref="CreateClient"/>), whose request lines go to the debug stream.
/// </summary>
public abstract class MgwServiceCmdlet : MgwCmdlet
{
    /// <summary>
    /// The account, region, endpoint and credentials to use instead of the session's current context
    /// (from <c>Connect-Mgw -PassThru</c> or <c>Get-MgwContext</c>), for scripts that work with several accounts.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public MgwContext? Context { get; set; }


    /// <summary>
    /// <c>-Context</c> when given, else the runspace's current context; stops the command with
    /// <see cref="MgwErrorCodes.NotConnected"/> when there is neither.
    /// </summary>
    protected MgwContext ResolveContext()
    {
        MgwContext? context = Context ?? MgwSession.Get();
        if (context is null)
        {
            ThrowMgwError(MgwSession.NotConnectedError(), null);
        }

        return context!;
    }

    /// <summary>
    /// A client for <paramref name="context"/> (<see cref="MgwClientOptions.FromContext"/>: its endpoint, account,
    /// region and credentials), the retry count, and an optional shared <paramref name="pacer"/>. Request lines go to
    /// the debug stream (never a secret).
    /// </summary>
    protected MgwClient CreateClient(MgwContext context, int maxRetries = 3, RequestPacer? pacer = null, TimeSpan? attemptTimeout = null)
    {
        try
        {
            MgwClientOptions options = MgwClientOptions.FromContext(context);
            options.MaxRetries = maxRetries;
            options.Pacer = pacer;
            options.Log = PostDebug;
            if (attemptTimeout is { } timeout)
            {
                options.AttemptTimeout = timeout;
            }

            return new MgwClient(options);
        }
        catch (MgwException ex)
        {
            ThrowMgwError(ex.Error, context, ex);
            throw;
        }
    }

    private MgwClient? _client;

    /// <summary>
    /// The command's client, made on first use from <c>-Context</c> or the session (<see cref="ResolveContext"/>)
    /// and disposed with the command. Stops the command when there is no context.
    /// </summary>
    protected MgwClient Client => _client ??= CreateClient(ResolveContext());

    /// <summary>
    /// Runs one Core call for one input on <see cref="Client"/>: its result, or — when the service or the network
    /// failed — a non-terminating error built from the <see cref="MgwException"/> with <paramref name="target"/>
    /// as its target, and false. The one place where service cmdlets turn a failed call into an error record.
    /// </summary>
    protected bool TryCall<T>(Func<MgwClient, CancellationToken, Task<T>> call, object? target, out T result)
    {
        MgwClient client = Client;
        try
        {
            result = Await(ct => call(client, ct));
            return true;
        }
        catch (MgwException ex)
        {
            WriteMgwError(Named(ex.Error, target), target, ex);
            result = default!;
            return false;
        }
    }

    /// <summary>
    /// The error as its record shows it. Here: named after the job the input names, so a service error that does not
    /// name it ("The specified import job does not exist.") still says which job of the pipeline failed. Cmdlets whose
    /// inputs are not jobs (agents, tunnels) override it, so their errors are not called a job's.
    /// </summary>
    protected virtual MgwError Named(MgwError error, object? target) =>
        error.JobName is { Length: > 0 } ? error : target switch
        {
            string name => error.WithContext(null, name),
            MgwJob { Name: { Length: > 0 } name } => error.WithContext(null, name),
            _ => error,
        };

    /// <summary>As <see cref="TryCall{T}"/>, for a call without a result.</summary>
    protected bool TryCall(Func<MgwClient, CancellationToken, Task> call, object? target) =>
        TryCall(async (c, ct) =>
        {
            await call(c, ct).ConfigureAwait(false);
            return true;
        }, target, out _);

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client?.Dispose();
            _client = null;
        }

        base.Dispose(disposing);
    }
}
