using System;
using System.Collections.Concurrent;
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
    private readonly BlockingCollection<Action> _pipelineWork = new();

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken CancelToken => _cancelSource.Token;

    /// <inheritdoc />
    protected override void StopProcessing() => _cancelSource.Cancel();

    /// <summary>
    /// Runs Core's async work and blocks the pipeline thread until it ends, meanwhile running what
    /// other threads queued with <see cref="Post"/> (verbose lines, progress, output): PowerShell
    /// streams may only be written from the pipeline thread.
    /// </summary>
    protected T Await<T>(Func<CancellationToken, Task<T>> work)
    {
        Task<T> task = work(CancelToken);
        Pump(task);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>As <see cref="Await{T}"/>, for work without a result.</summary>
    protected void Await(Func<CancellationToken, Task> work)
    {
        Task task = work(CancelToken);
        Pump(task);
        task.GetAwaiter().GetResult();
    }

    /// <summary>Queues an action for the pipeline thread; safe from any thread.</summary>
    protected void Post(Action action)
    {
        try
        {
            _pipelineWork.Add(action);
        }
        catch (ObjectDisposedException)
        {
            // The command has ended (stopped or failed); late background work has nowhere to write.
        }
    }

    /// <summary>A verbose line from any thread (Core's log callback).</summary>
    protected void PostVerbose(string message) => Post(() => WriteVerbose(message));

    /// <summary>A debug line from any thread.</summary>
    protected void PostDebug(string message) => Post(() => WriteDebug(message));

    /// <summary>
    /// True when this command's debug lines are shown: <c>-Debug</c>, or <c>$DebugPreference</c> other than
    /// SilentlyContinue and Ignore. Otherwise PowerShell drops them, so they need not be made (one per request, each
    /// formatted and handed to the pipeline thread).
    /// </summary>
    protected bool ShowsDebug()
    {
        if (MyInvocation.BoundParameters.TryGetValue("Debug", out object? debug))
        {
            return debug is SwitchParameter flag ? flag.IsPresent : LanguagePrimitives.IsTrue(debug);
        }

        try
        {
            ActionPreference preference = LanguagePrimitives.ConvertTo<ActionPreference>(GetVariableValue("DebugPreference") ?? ActionPreference.SilentlyContinue);
            return preference is not (ActionPreference.SilentlyContinue or ActionPreference.Ignore);
        }
        catch (PSInvalidCastException)
        {
            // A value PowerShell itself would refuse when writing a debug line: keep the lines, as before.
            return true;
        }
    }

    /// <summary>Runs what other threads have queued so far, without waiting for more.</summary>
    protected void RunPosted()
    {
        while (_pipelineWork.TryTake(out Action? action))
        {
            action();
        }
    }

    private void Pump(Task task)
    {
        // Wake the loop the moment the work ends, not at the next poll.
        task.ContinueWith(_ => Post(static () => { }), TaskScheduler.Default);
        while (!task.IsCompleted)
        {
            if (_pipelineWork.TryTake(out Action? action, 250))
            {
                action();
            }
        }

        RunPosted();
    }

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

    /// <summary>Cancels work still running when the command ends (a terminating error), and releases the source.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cancelSource.Cancel();
            _cancelSource.Dispose();
            _pipelineWork.Dispose();
        }
    }
}
