using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using MgwTools.Completers;
using MgwTools.Core.Client;
using MgwTools.Core.Credentials;

namespace MgwTools.Commands;

/// <summary>
/// Base of every cmdlet that calls the service: owns <c>-Context</c>, <c>-Region</c> and <c>-ProfileName</c> (a
/// context for this command only, resolved as <c>Connect-Mgw</c> resolves it, the session untouched), turns "no
/// context" into the <see cref="MgwErrorCodes.NotConnected"/> error, and builds the one <see cref="MgwClient"/> a command
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
    /// The region of the account to use for this command only (e.g. cn-shanghai): with <c>-ProfileName</c> or alone,
    /// the account, credentials and endpoint are resolved as <c>Connect-Mgw -Region</c> resolves them, and the
    /// session's context is left as it is. Virtual so a cmdlet can document what else it means there (the region whose
    /// limits a job definition is checked against).
    /// </summary>
    [Parameter]
    [ArgumentCompleter(typeof(RegionCompleter))]
    public virtual string? Region { get; set; }

    /// <summary>
    /// A profile of ~/.aliyun/config.json whose credentials (and region, unless <c>-Region</c> is given) this command
    /// uses, as <c>Connect-Mgw -ProfileName</c> does, without changing the session.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ProfileNameCompleter))]
    public string? ProfileName { get; set; }

    // The context -Region/-ProfileName built, once per command.
    private MgwContext? _perCall;

    /// <summary>True when <c>-Region</c> or <c>-ProfileName</c> asks for a context of this command's own.</summary>
    protected bool HasPerCallAccount => !string.IsNullOrWhiteSpace(Region) || !string.IsNullOrWhiteSpace(ProfileName);

    /// <summary>
    /// The context of this command: one built from <c>-Region</c>/<c>-ProfileName</c> (as <c>Connect-Mgw</c> with
    /// those values builds it, its verbose lines and warnings written, the session unchanged), else <c>-Context</c>,
    /// else the runspace's current context. Stops the command with <see cref="MgwErrorCodes.NotConnected"/> when there
    /// is none, with <see cref="MgwErrorCodes.ContextConflict"/> when <c>-Context</c> comes with either of the others,
    /// and with Connect-Mgw's own errors (ProfileNotFound, MissingAccountId…) when the resolution fails.
    /// </summary>
    protected MgwContext ResolveContext()
    {
        if (!HasPerCallAccount)
        {
            MgwContext? context = Context ?? MgwSession.Get();
            if (context is null)
            {
                ThrowMgwError(MgwSession.NotConnectedError(), null);
            }

            return context!;
        }

        return _perCall ??= BuildPerCallContext();
    }

    private MgwContext BuildPerCallContext()
    {
        if (Context is not null)
        {
            ThrowMgwError(new MgwError
            {
                Code = MgwErrorCodes.ContextConflict,
                Message = "-Context cannot be combined with -Region or -ProfileName: a context already names its account, region and " +
                    "credentials. Give -Context alone, or -Region and/or -ProfileName alone.",
                Field = string.IsNullOrWhiteSpace(Region) ? nameof(ProfileName) : nameof(Region),
            }, null);
        }

        ConnectResult result;
        try
        {
            result = MgwContextBuilder.Build(new ConnectRequest
            {
                Region = string.IsNullOrWhiteSpace(Region) ? null : Region,
                ProfileName = string.IsNullOrWhiteSpace(ProfileName) ? null : ProfileName,
            });
        }
        catch (MgwException e)
        {
            // The target is the offending value as the error states it, as Connect-Mgw does.
            ThrowMgwError(e.Error, e.Error.Value);
            throw;
        }

        foreach (string line in result.Trail)
        {
            WriteVerbose(line);
        }

        foreach (string warning in result.Warnings)
        {
            WriteWarning(warning);
        }

        MgwContext built = result.Context;
        WriteVerbose($"This command uses account '{built.AccountId}' in region '{built.Region}' at {built.Endpoint} as {built.AccessKeyId} " +
            $"({built.CredentialSource}); the session's context is unchanged.");
        return built;
    }

    /// <summary>
    /// A client for <paramref name="context"/> (<see cref="MgwClientOptions.FromContext"/>: its endpoint, account,
    /// region and credentials), the retry count, and an optional shared <paramref name="pacer"/>. Request lines go to
    /// the debug stream (never a secret) when it is shown (<see cref="MgwCmdlet.ShowsDebug"/>); otherwise none is
    /// written, nor queued for the pipeline thread.
    /// </summary>
    protected MgwClient CreateClient(MgwContext context, int maxRetries = 3, RequestPacer? pacer = null, TimeSpan? attemptTimeout = null)
    {
        try
        {
            MgwClientOptions options = MgwClientOptions.FromContext(context);
            options.MaxRetries = maxRetries;
            options.Pacer = pacer;
            if (ShowsDebug()) options.Log = PostDebug;
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

    /// <summary>The type name that selects the job table with a <c>Row</c> column (module/MgwTools.Format.ps1xml).</summary>
    public const string JobWithRowTypeName = "MgwTools.MgwJob#Row";

    /// <summary>
    /// Writes <paramref name="job"/>; one that came from a piped row (<see cref="MgwJob.Row"/> set) carries the type name
    /// <see cref="JobWithRowTypeName"/> first, so its default table shows the row, and a typed job's table has no empty
    /// Row column.
    /// </summary>
    protected void WriteJob(MgwJob job)
    {
        if (job?.Row is null)
        {
            WriteObject(job);
            return;
        }

        var wrapped = PSObject.AsPSObject(job);
        wrapped.TypeNames.Insert(0, JobWithRowTypeName);
        WriteObject(wrapped);
    }

    /// <summary>As <see cref="TryCall{T}"/>, for a call without a result.</summary>
    protected bool TryCall(Func<MgwClient, CancellationToken, Task> call, object? target) =>
        TryCall(async (c, ct) =>
        {
            await call(c, ct).ConfigureAwait(false);
            return true;
        }, target, out _);

    /// <summary>
    /// The by-name lookup of a <c>Get-</c> cmdlet (<see cref="ServiceLookup{T}"/>): <paramref name="listAll"/> reads every
    /// object, <paramref name="getOne"/> one by its name, <paramref name="key"/> is what names and wildcards match.
    /// Failed calls are written as errors through <see cref="TryCall{T}"/>.
    /// </summary>
    protected ServiceLookup<T> Lookup<T>(Func<MgwClient, CancellationToken, Task<IReadOnlyList<T>>> listAll,
        Func<MgwClient, string, CancellationToken, Task<T>> getOne, Func<T, string?> key)
        where T : class =>
        new(() => TryCall(listAll, null, out IReadOnlyList<T> all) ? all : null,
            name => TryCall((c, ct) => getOne(c, name, ct), name, out T one) ? one : null,
            key);

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
