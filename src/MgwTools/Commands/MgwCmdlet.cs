using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace MgwTools.Commands;

/// <summary>
/// Base of every MgwTools cmdlet: owns cancellation (Ctrl+C cancels <see cref="CancelToken"/>) and
/// builds every error record through <see cref="ErrorRecords"/>, so codes and categories are
/// mapped in one place.
/// </summary>
public abstract class MgwCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancelSource = new();

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken CancelToken => _cancelSource.Token;

    /// <inheritdoc />
    protected override void StopProcessing() => _cancelSource.Cancel();

    /// <summary>Runs Core's async work on the pipeline thread, stopping on Ctrl+C.</summary>
    protected T Await<T>(Func<CancellationToken, Task<T>> work) =>
        work(CancelToken).GetAwaiter().GetResult();

    /// <summary>Runs Core's async work on the pipeline thread, stopping on Ctrl+C.</summary>
    protected void Await(Func<CancellationToken, Task> work) =>
        work(CancelToken).GetAwaiter().GetResult();

    /// <summary>Writes a non-terminating error for one failed input.</summary>
    protected void WriteMgwError(MgwError error, object? target, Exception? inner = null) =>
        WriteError(ErrorRecords.From(error, target, inner));

    /// <summary>Stops the command: nothing can proceed.</summary>
    protected void ThrowMgwError(MgwError error, object? target, Exception? inner = null) =>
        ThrowTerminatingError(ErrorRecords.From(error, target, inner));

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the cancellation source.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cancelSource.Dispose();
        }
    }
}
